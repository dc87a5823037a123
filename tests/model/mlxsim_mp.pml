/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mlxsim_mp.pml: the multiport affiliation and native-port reference
 * protocol, for spin.  See README.md for how to run it and its bounds.
 *
 * One master (removed and added again) owns IB port 2; slaves of its
 * GUID come and go (generation S0, then S1) and bind to that port; a
 * holder takes native-port references on it and uses the slave behind
 * it; a background worker finishes unbinds whose waiter was killed.
 * mlxsim_lock serialises adds and removals (the callers of logic/mp.c);
 * the port spinlock is an atomic block.
 *
 *  model step                 C function it stands for
 *  -------------------------  -------------------------------------------
 *  lock()/unlock()            mutex_lock/unlock(&mlxsim_lock), bus.c
 *  master_add                 mlxsim_mp_master_add (mp.c), the walk of
 *                             the waiting list (mlxsim_mp_next_waiting)
 *  slave_add                  mlxsim_mp_slave_add (mp.c)
 *  bind()                     mlxsim_mp_bind: port_set, roce/affiliation
 *                             firmware commands, failure -> unaffiliate
 *  port_set(s)                mlxsim_mp_port_set -> mlxsim_port_set_fn
 *                             (ibdev.c): fn, unaffiliating = false
 *  unbind()                   mlxsim_mp_unbind (mp.c): unbinding,
 *                             forwarding off, mlxsim_mp_unaffiliate
 *  drain()                    mlxsim_port_drain (ibdev.c): unaffiliating,
 *                             reinit_completion, wait for the completion
 *                             (killable in removals: the kill path)
 *  finish()                   mlxsim_mp_port_clear: port_set(NULL), the
 *                             master's slot, s->master; the unbind done
 *  list_add/list_del          mlxsim_mp_index_enqueue/dequeue (mp_index.c)
 *  wait_list()                mlxsim_mp_wait: enqueue unless queued
 *  master_remove              mlxsim_mp_master_remove: unpublish, unbind
 *                             each slave, slave back on the list
 *  slave_remove               mlxsim_mp_slave_remove: unbind, dequeue,
 *                             then the function is freed (fn.c)
 *  holder: get                mlxsim_port_get (ibdev.c) /
 *                             mlxsim_port_ref_get (port_ref.c)
 *  holder: use                the command on the slave (mlxsim_port_cmd)
 *  holder: put                mlxsim_port_put_n: count down, complete()
 *                             the drain's completion on the last put
 *  bgworker                   the chosen kill design: a killed unbind
 *                             waiter returns; the last put hands the rest
 *                             of the removal to a worker
 *
 * Mutants (one at a time, -D on the spin command line):
 *   MUT_REQUEUE   upstream 7ce6095e3bff "RDMA/mlx5: Dont add slave port to
 *                 unaffiliated list": a bind that fails during the master's
 *                 walk of the unaffiliated list adds the slave to it again
 *   MUT_PUT_UAF   the put reads the slave after waking the unbind
 *   MUT_NO_REINIT the drain does not re-arm the completion
 *                 (reinit_completion), so a stale completion left by a
 *                 killed waiter ends the next drain early
 */

/* Bounds (README.md): all are small integers, each adds interleavings. */
#ifndef HOLDERS
#define HOLDERS 2	/* processes taking native-port references */
#endif
#ifndef ROUNDS
#define ROUNDS 2	/* get/use/put rounds of each holder */
#endif
#ifndef KILLS
#define KILLS 2		/* unbind waits that may be killed */
#endif
#ifndef FAILS
#define FAILS 1		/* binds whose firmware commands may fail */
#endif

#define NS 2		/* slave generations */
#define NOBODY 255
#define S_NONE 0
#define S_UNAFF 1
#define S_BOUND 2

bool mlx_lock;

/* slaves */
byte s_state[NS];
byte s_listed[NS];
bool s_unbinding[NS];
bool s_fwd[NS];
bool s_unbound[NS];	/* its unbind completed; no bind since */
bool s_freed[NS];

/* the master and its port 2 (struct mlxsim_port) */
bool m_present;
bool m_published;
byte m_slot = NOBODY;
byte p_fn = NOBODY;
byte p_refcnt;
bool p_unaff;
byte p_done;		/* the completion's count */
bool p_bg;		/* its waiter was killed: the last put hands over */

/* the background finish: what it still owes */
bool bg_go;
byte bg_slave = NOBODY;
bool bg_sremove;	/* the slave's removal */
bool bg_mremove;	/* the master's removal */

/* the unaffiliated list (mlxsim_mp_index waiting chain) */
byte list[NS];
byte list_len;
bool walking;
byte walk_cur = NOBODY;

byte kills = KILLS;
byte fails = FAILS;
byte pending;		/* unbinds begun, not completed */

inline lock()
{
	atomic { !mlx_lock -> mlx_lock = true }
}

inline unlock()
{
	mlx_lock = false
}

inline list_add(s)
{
	/* no list change while it is walked; a slave listed once */
	assert(!walking);
	assert(s_listed[s] == 0);
	list[list_len] = s;
	list_len++;
	s_listed[s]++
}

/* Remove @s; during a walk only the walker's current entry may go. */
inline list_del(s)
{
	assert(!walking || s == walk_cur);
	assert(s_listed[s] == 1);
	if
	:: list[0] == s -> list[0] = list[1]
	:: else -> skip
	fi;
	list[list_len - 1] = 0;
	list_len--;
	s_listed[s] = 0
}

/* mlxsim_mp_wait: enqueue unless queued; it keeps its place. */
inline wait_list(s)
{
#ifdef MUT_REQUEUE
	list_add(s);
#else
	if
	:: s_listed[s] == 0 -> list_add(s)
	:: else -> skip
	fi;
#endif
	s_state[s] = S_UNAFF
}

/* mlxsim_port_set_fn: who is behind the port; a fresh start. */
inline port_set(s)
{
	atomic {
		p_fn = s;
		p_unaff = false;
		if
		:: s != NOBODY -> s_unbound[s] = false
		:: else -> skip
		fi
	}
}

/*
 * mlxsim_port_drain: refuse new references, re-arm the completion, and
 * sleep until the last outstanding reference is put.  In a removal the
 * sleep is killable: a killed waiter whose references are all put
 * finishes at once, otherwise it leaves the finish to the last put.
 */
inline drain(killable, killed)
{
	killed = false;
	atomic {
		p_unaff = true;
#ifndef MUT_NO_REINIT
		p_done = 0;
#endif
		need = p_refcnt > 0
	};
	if
	:: need ->
		if
		:: atomic { p_done > 0 -> p_done-- }
		:: killable && kills > 0 ->
			atomic {
				kills--;
				if
				:: p_refcnt == 0 -> skip	/* all put meanwhile */
				:: else -> p_bg = true; killed = true
				fi
			}
		fi
	:: else -> skip
	fi
}

/* mlxsim_mp_port_clear and the end of mlxsim_mp_unbind. */
inline finish(s)
{
	atomic {
		/* no reference may outlive the unbind */
		assert(p_refcnt == 0);
		p_fn = NOBODY;
		p_unaff = false
	};
	m_slot = NOBODY;
	s_state[s] = S_NONE;
	s_unbinding[s] = false;
	s_unbound[s] = true;
	pending--
}

/* mlxsim_mp_unbind, begun; @killed: the rest is the worker's. */
inline unbind(s, killable, killed)
{
	s_unbinding[s] = true;
	s_fwd[s] = false;
	pending++;
	drain(killable, killed);
	if
	:: !killed -> finish(s)
	:: else -> skip
	fi
}

/*
 * mlxsim_mp_bind: the port first, then the firmware; a failure unbinds
 * (its drain is not killable: it runs under mlxsim_lock, in an add).
 */
inline bind(s, bound)
{
	m_slot = s;
	port_set(s);
	if
	:: fails > 0 ->
		fails--;
		unbind(s, false, killed);
		bound = false
	:: true ->
		if
		:: s_listed[s] -> list_del(s)
		:: else -> skip
		fi;
		s_state[s] = S_BOUND;
		s_fwd[s] = true;
		bound = true
	fi
}

inline master_add()
{
	!m_present;
	lock();
	/* a new IB device: its port and completion are new */
	atomic {
		p_fn = NOBODY; p_refcnt = 0; p_unaff = false; p_done = 0;
		p_bg = false
	};
	m_present = true;
	/* the first waiting slave of port 2 that binds */
	walking = true;
	i = 0;
	do
	:: i < list_len ->
		walk_cur = list[i];
		bind(walk_cur, bound);
		if
		:: bound -> break
		:: else -> wait_list(walk_cur); i++
		fi
	:: else -> break
	od;
	walking = false;
	walk_cur = NOBODY;
	m_published = true;
	unlock()
}

/*
 * A slave whose unbind was handed to the worker is "unbinding": a second
 * removal (the other side's) joins the background finish.
 */
inline master_remove()
{
	lock();
	m_published = false;
	s = m_slot;
	killed = false;
	if
	:: s == NOBODY -> m_present = false
	:: s != NOBODY && s_unbinding[s] -> bg_mremove = true
	:: s != NOBODY && !s_unbinding[s] ->
		bg_slave = s;
		unbind(s, true, killed);
		if
		:: killed -> bg_mremove = true
		:: else -> wait_list(s); m_present = false
		fi
	fi;
	unlock()
}

inline slave_add(g)
{
	lock();
	bound = false;
	if
	:: m_published && m_slot == NOBODY -> bind(g, bound)
	:: else -> skip
	fi;
	if
	:: !bound -> wait_list(g)
	:: else -> skip
	fi;
	unlock()
}

inline slave_gone(g)
{
	if
	:: s_listed[g] -> list_del(g)
	:: else -> skip
	fi;
	s_state[g] = S_NONE;
	s_freed[g] = true
}

inline slave_remove(g)
{
	lock();
	killed = false;
	if
	:: s_state[g] == S_BOUND && s_unbinding[g] -> bg_sremove = true
	:: s_state[g] == S_BOUND && !s_unbinding[g] ->
		bg_slave = g;
		unbind(g, true, killed);
		if
		:: killed -> bg_sremove = true
		:: else -> slave_gone(g)
		fi
	:: s_state[g] != S_BOUND -> slave_gone(g)
	fi;
	unlock()
}

proctype master_admin()
{
	byte i, s;
	bool bound, killed, need;

	master_add();
	master_remove();
	master_add()
}

proctype slave_admin()
{
	byte g, i, s;
	bool bound, killed, need;

	for (g : 0 .. NS - 1) {
		slave_add(g);
		slave_remove(g)
	}
}

proctype holder()
{
	byte r, h;

	for (r : 1 .. ROUNDS) {
		atomic {
			if
			:: p_fn != NOBODY && !p_unaff && !p_bg ->
				p_refcnt++; h = p_fn
			:: else -> h = NOBODY
			fi
		};
		if
		:: h != NOBODY ->
			/* the use: the slave is alive and still bound */
			assert(!s_unbound[h] && !s_freed[h]);
			atomic {
				if
				:: p_fn == h ->
					p_refcnt--;
					if
					:: p_refcnt == 0 && p_unaff && p_bg ->
						p_bg = false; bg_go = true
					:: p_refcnt == 0 && p_unaff && !p_bg ->
						p_done++
					:: else -> skip
					fi
				:: else -> skip
				fi
			};
#ifdef MUT_PUT_UAF
			/* the trace reads fn->p.id after the wake-up */
			assert(!s_freed[h]);
#endif
			skip
		:: else -> skip
		fi
	}
}

/* The worker a killed waiter's last put hands the removal to. */
proctype bgworker()
{
	byte s;

end:	do
	:: bg_go ->
		lock();
		bg_go = false;
		s = bg_slave;
		finish(s);
		if
		:: bg_sremove -> slave_gone(s)
		:: else -> wait_list(s)
		fi;
		if
		:: bg_mremove -> m_present = false
		:: else -> skip
		fi;
		bg_sremove = false;
		bg_mremove = false;
		bg_slave = NOBODY;
		unlock()
	od
}

init
{
	byte r;

	atomic {
		run master_admin();
		run slave_admin();
		for (r : 1 .. HOLDERS) {
			run holder()
		}
		run bgworker()
	}
}

/* every unbind completes once the holders have put their references */
ltl live { [] ((pending > 0) -> <> (pending == 0)) }
