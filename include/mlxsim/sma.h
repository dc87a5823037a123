/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated firmware's Subnet Management Agent and Performance
 * Management Agent of one function, as pure state and MAD handling: the
 * kernel runs it under the firmware's lock (sim/fw.c), the unit tests and
 * fuzzers run it as it is.  MADs are 256 bytes of InfiniBand wire format.
 *
 * Attribute layouts and the port state machine follow the IBA (Vol. 1,
 * 14.2.5 SMA attributes, 7.2 link states, 16.1 PMA); where the spec lets
 * an implementation choose, the choice of a ConnectX HCA's firmware.
 */
#ifndef MLXSIM_SMA_H
#define MLXSIM_SMA_H

#include "mlxsim/mad.h"

#define MLXSIM_MGMT_CLASS_PERF 0x04
#define MLXSIM_MAD_METHOD_TRAP_REPRESS 0x07

/* SMP attributes (IBA 14.2.5) and the PMA's (16.1.3) */
#define MLXSIM_ATTR_CLASS_PORT_INFO 0x0001
#define MLXSIM_ATTR_NODE_DESC 0x0010
#define MLXSIM_ATTR_NODE_INFO 0x0011
#define MLXSIM_ATTR_GUID_INFO 0x0014
#define MLXSIM_ATTR_PORT_INFO 0x0015
#define MLXSIM_ATTR_SL_TO_VL 0x0017
#define MLXSIM_ATTR_VL_ARB 0x0018
#define MLXSIM_ATTR_SM_INFO 0x0020
#define MLXSIM_ATTR_MLNX_EXT_PORT_INFO 0xff90
#define MLXSIM_ATTR_PORT_COUNTERS 0x0012
#define MLXSIM_ATTR_PORT_COUNTERS_EXT 0x001d

/* NodeInfo fields the driver reads or rewrites: offsets in the data */
#define MLXSIM_NI_SYS_GUID 4
#define MLXSIM_NI_NODE_GUID 12
#define MLXSIM_NI_PORT_GUID 20
#define MLXSIM_NI_DEVICE_ID 30
#define MLXSIM_NI_REVISION 32
#define MLXSIM_NI_VENDOR_ID 37		/* 24 bits */

/* PortInfo fields the driver reads or rewrites (IBA 14.2.5.6) */
#define MLXSIM_PI_GID_PREFIX 8
#define MLXSIM_PI_LID 16
#define MLXSIM_PI_SM_LID 18
#define MLXSIM_PI_CAP_MASK 20
#define MLXSIM_PI_WIDTH_ACTIVE 31
#define MLXSIM_PI_STATE 32		/* low nibble */
#define MLXSIM_PI_PHYS 33		/* high nibble */
#define MLXSIM_PI_LMC 34		/* low 3 bits */
#define MLXSIM_PI_SPEED_ACTIVE 35	/* high nibble */
#define MLXSIM_PI_MTU_SMSL 36		/* NeighborMTU, MasterSMSL (low) */
#define MLXSIM_PI_VLCAP 37		/* high nibble */
#define MLXSIM_PI_MTUCAP 41		/* low nibble */
#define MLXSIM_PI_PKEY_VIOL 46
#define MLXSIM_PI_QKEY_VIOL 48
#define MLXSIM_PI_GUID_CAP 50
#define MLXSIM_PI_CLIENT_REREG 51	/* bit 7 */
#define MLXSIM_PI_SUBNET_TO 51		/* low 5 bits */

/* PortInfo:PortState (IBA 14.2.5.6), = enum ib_port_state */
#define MLXSIM_IB_PORT_NOP 0
#define MLXSIM_IB_PORT_DOWN 1
#define MLXSIM_IB_PORT_INIT 2
#define MLXSIM_IB_PORT_ARMED 3
#define MLXSIM_IB_PORT_ACTIVE 4
/* PortInfo:PortPhysicalState */
#define MLXSIM_IB_PHYS_SLEEP 1
#define MLXSIM_IB_PHYS_POLLING 2
#define MLXSIM_IB_PHYS_DISABLED 3
#define MLXSIM_IB_PHYS_LINK_UP 5

/* PortInfo:CapabilityMask bits mlxsim reports */
#define MLXSIM_IB_CAP_SM 0x00000002		/* IsSM */
#define MLXSIM_IB_CAP_SM_DISABLED 0x00000400
#define MLXSIM_IB_CAP_CM 0x00010000
#define MLXSIM_IB_CAP_VENDOR_CLASS 0x00080000
#define MLXSIM_IB_CAP_CLIENT_REREG 0x02000000
/* the firmware's own bits; SET_PORT may change MLXSIM_IB_CAP_SM only */
#define MLXSIM_SMA_BASE_CAP (MLXSIM_IB_CAP_CM | MLXSIM_IB_CAP_VENDOR_CLASS | \
			     MLXSIM_IB_CAP_CLIENT_REREG)

#define MLXSIM_SMA_GUID_BLOCK 8		/* GUIDInfo entries of one block */
/* GUIDInfo entries of a port: 16 blocks, one per slave of 128, as mlx4 */
#define MLXSIM_SMA_GUIDS 128
#define MLXSIM_SMA_NODE_DESC 64

#define MLXSIM_LID_PERMISSIVE 0xffff
#define MLXSIM_LID_MCAST_BASE 0xc000	/* unicast LIDs are 1..0xbfff */

/* The PMA's counters of one port (IBA 16.1.3.5 / 16.1.4.11). */
struct mlxsim_pma_counters {
	u64 xmit_data;		/* in 4-byte words, as the spec counts */
	u64 rcv_data;
	u64 xmit_pkts;
	u64 rcv_pkts;
	u64 ucast_xmit_pkts;
	u64 ucast_rcv_pkts;
	u64 mcast_xmit_pkts;
	u64 mcast_rcv_pkts;
	u32 xmit_discards;	/* sent with nowhere to go */
	u32 rcv_errors;		/* malformed on arrival */
	u32 vl15_dropped;	/* SMPs with no QP0 to take them */
	u32 link_downed;	/* LinkUp -> down transitions */
	u32 symbol_errors;
	u32 link_error_recovery;
};

/* One port of the SMA. */
struct mlxsim_sma_port {
	u8 state;		/* MLXSIM_IB_PORT_* */
	u8 phys_state;		/* MLXSIM_IB_PHYS_* */
	u8 lmc;
	u8 sm_sl;
	u8 mkey_protect;	/* 0..3 */
	u8 neighbor_mtu;	/* 1 = 256 ... 5 = 4096 */
	u8 op_vls;		/* 1 = VL0 ... 5 = VL0-14 */
	u8 subnet_timeout;
	u8 resp_time;
	u8 link_down_default;	/* LinkDownDefaultState */
	u8 hoq_life;
	u8 vl_stall;
	u8 vl_high_limit;
	u8 link_width_enabled;
	u8 link_speed_enabled;
	u8 pkey_enforce;	/* PartitionEnforcement and FilterRaw bits */
	u16 lid;
	u16 sm_lid;
	u16 mkey_lease;
	u16 mkey_violations;
	u16 pkey_violations;
	u16 qkey_violations;
	u32 cap_mask;		/* MLXSIM_SMA_BASE_CAP, | IsSM from SET_PORT */
	u64 mkey;
	u64 gid_prefix;
	u64 guid[MLXSIM_SMA_GUIDS];	/* GUIDInfo; [0] is the port GUID */
	u8 sl2vl[16];
	u8 vlarb[4][64];	/* VLArbitrationTable blocks 1..4, wire form */
	u8 mlnx_ext[64];	/* Mellanox ExtendedPortInfo, wire form */
	struct mlxsim_pma_counters pma;
};

/* The SMA of one function (a CA node). */
struct mlxsim_sma {
	u32 ports;
	u16 device_id;		/* ConnectX-3 0x1003 (SR-IOV), else ConnectX-4 0x1013 */
	u32 vendor_id;		/* 0x0002c9, Mellanox */
	u32 revision;
	u64 sys_image_guid;
	u64 node_guid;
	char node_desc[MLXSIM_SMA_NODE_DESC];	/* NUL padded */
	struct mlxsim_pkey_phys pkeys;	/* PKeyTable, as logic/mad.c */
	struct mlxsim_sma_port port[MLXSIM_MAX_PORTS];
};

/* Identity the firmware is created with. */
struct mlxsim_sma_id {
	u32 ports;
	u32 pkeys;		/* table length; PartitionCap */
	bool reserve_last;	/* with VFs: the last P_Key entry stays 0 */
	bool sriov;		/* a ConnectX-3 SR-IOV function */
	u64 sys_image_guid;
	u64 node_guid;		/* port GUID of port P = node_guid + P */
	const char *node_desc;
};

/*
 * What a MAD or a link change did to a port, for the firmware to raise
 * its events from (port change, port management change) and to trace.
 */
struct mlxsim_sma_change {
	u8 port;		/* 0: nothing changed */
	u8 old_state, new_state;
	u16 old_lid, new_lid;
	u16 old_sm_lid, new_sm_lid;
	u8 old_sm_sl, new_sm_sl;
	bool client_rereg;	/* a SET asked for it */
	u32 pkey_changed;	/* PKeyTable SET: changed entries of the block */
	u32 pkey_block;
	bool guid_changed;	/* GUIDInfo SET changed an entry */
	u16 guid_blocks;	/* ... of these blocks */
};

/* Result of mlxsim_sma_exec() besides the MAD status in the response. */
enum mlxsim_sma_result {
	MLXSIM_SMA_REPLY,	/* @out holds a GetResp */
	MLXSIM_SMA_DISCARD,	/* no response (M_Key violation, TrapRepress) */
};

void mlxsim_sma_init(struct mlxsim_sma *sma, const struct mlxsim_sma_id *id);

/*
 * Execute one SMP (LID-routed or directed route) or PMA MAD received on
 * @port.  @out gets the whole response: the request's header with method
 * GetResp and the status (for directed route, the D bit is the driver's
 * to set, as mlx4_ib_process_mad does), the attribute data, and for DR
 * the request's path fields unchanged.  A request the SMA does not take
 * answers the IBA status: 0x0004 bad version, 0x0008 method, 0x000c
 * method/attribute, 0x001c invalid field; nothing is changed then.
 * SMInfo is the SM's, not the SMA's: 0x000c.  @chg says what changed.
 */
enum mlxsim_sma_result mlxsim_sma_exec(struct mlxsim_sma *sma, u32 port,
				       const u8 *in, u8 *out,
				       struct mlxsim_sma_change *chg);

/* The MAD status of a response @out (the D bit masked off). */
u16 mlxsim_sma_status(const u8 *out);

/*
 * The cable: @up plugs the port (PhysPortState LinkUp, PortState INIT)
 * or unplugs it (Polling, DOWN; LinkDowned counted).  Idempotent.
 */
void mlxsim_sma_link(struct mlxsim_sma *sma, u32 port, bool up,
		     struct mlxsim_sma_change *chg);

/* SET_PORT's capability mask (mlx4_SET_PORT): only IsSM may change. */
int mlxsim_sma_set_cap_mask(struct mlxsim_sma *sma, u32 port, u32 cap_mask);

/* The HCA's packet counters, as the wire moves a MAD of @bytes. */
void mlxsim_pma_count_xmit(struct mlxsim_sma *sma, u32 port, u32 bytes);
void mlxsim_pma_count_rcv(struct mlxsim_sma *sma, u32 port, u32 bytes);
void mlxsim_pma_count_discard(struct mlxsim_sma *sma, u32 port);

/*
 * mlxsim_sma_exec()'s PerfMgt half (logic/pma.c), for logic/sma.c: a
 * class 0x04 MAD whose versions were checked, @out a copy of @in; fills
 * @out's data and returns the MAD status, which the caller writes.
 */
u16 mlxsim_pma_exec(struct mlxsim_sma *sma, u32 port, const u8 *in, u8 *out);

/* Is @lid one of the port's (base LID and its LMC range, IBA 7.11.1)? */
bool mlxsim_sma_owns_lid(const struct mlxsim_sma_port *p, u16 lid);
bool mlxsim_lid_owned(u16 base, u8 lmc, u16 lid);

#endif /* MLXSIM_SMA_H */
