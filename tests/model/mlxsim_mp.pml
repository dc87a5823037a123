/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mlxsim_mp.pml: the multiport affiliation and native-port reference
 * protocol, for spin.  See README.md for how to run it and its bounds.
 *
 * One master (removed and added again, each time with a new IB device,
 * so a new port 2) takes slaves of its GUID (generation S0, then S1) on
 * port 2; holders take native-port references on the master's current
 * port and use the slave behind it.  A removal (del_device) first waits
 * for the references on the ports it will unbind, killably and without
 * mlxsim_lock; a killed wait rolls back.  Then, under mlxsim_lock, it
 * removes the function; the locked unbind waits (uninterruptibly) for
 * references taken since.  mlxsim_lock serialises adds and removals (the
 * callers of logic/mp.c); the port spinlock is an atomic block.  Each
 * waiter sleeps on the port's wait queue (port->unref) and re-checks
 * refcnt == 0 under the port lock on every wakeup.
 *
 *  model step                 C function it stands for
 *  -------------------------  -------------------------------------------
 *  lock(), mlx_lock = false   mutex_lock/unlock(&mlxsim_lock), bus.c
 *  del_wait: the relock       mutex_lock_killable(&mlxsim_lock) after the
 *                             unlocked wait in mlxsim_dev_del (bus.c)
 *  master_add                 mlxsim_mp_master_add (mp.c), the walk of
 *                             the waiting list (mlxsim_mp_next_waiting);
 *                             a new IB device (mlxsim_ibdev, its ports)
 *  slave_add                  mlxsim_mp_slave_add (mp.c)
 *  bind()                     mlxsim_mp_bind: port_set, roce/affiliation
 *                             firmware commands, failure -> unaffiliate
 *  bind_start(s)              the slot, s->master, mlxsim_mp_port_set ->
 *                             mlxsim_port_set_fn (ibdev.c) ->
 *                             mlxsim_port_ref_set_fn (port_ref.c): fn,
 *                             unaffiliating = false (drainers kept)
 *  bind_ok(s)                 the end of a bind that worked: dequeue,
 *                             MLXSIM_MP_BOUND, forwarding
 *  unbind_start(s)            mlxsim_mp_unbind (mp.c): forwarding off;
 *                             mlxsim_mp_unaffiliate -> mlxsim_mp_port_clear
 *                             -> ops->port_drain = mlxsim_port_drain
 *                             (ibdev.c) -> mlxsim_port_ref_drain:
 *                             unaffiliating = true
 *  unbind_wait()              mlxsim_port_drain's wait_event(port->unref,
 *                             mlxsim_port_drained(port)), uninterruptible
 *  unbind_end(s)              the rest of mlxsim_mp_port_clear:
 *                             port_set(NULL) (mlxsim_port_ref_set_fn:
 *                             refcnt 0; wake_up_all(&port->unref)), the
 *                             master's slot, s->master; the unbind done
 *  wait_drained()             wait_event / wait_event_killable on
 *                             port->unref with mlxsim_port_drained():
 *                             prepare_to_wait, the condition under the
 *                             port lock, schedule(), again; finish_wait
 *  wake_up_all(pp)            wake_up_all(&port->unref): every queued
 *                             waiter runs again, off the queue
 *                             (autoremove_wake_function)
 *  list_add/list_del          mlxsim_mp_index_enqueue/dequeue (mp_index.c)
 *  wait_list()                mlxsim_mp_wait: enqueue unless queued
 *  master_del                 mlxsim_dev_del (bus.c) of the master: lock,
 *                             __mlxsim_mp_drain_begin (mp_core.c: its
 *                             slave ports), unlock, del_wait, then
 *                             __mlxsim_dev_del -> __mlxsim_mp_fn_remove ->
 *                             mlxsim_mp_master_remove (unpublish, unbind
 *                             each slave, slave back on the list),
 *                             mlxsim_mp_drain_end, unlock
 *  slave_del                  the same for a slave: drain_begin on its
 *                             port on the master if bound, then
 *                             mlxsim_mp_slave_remove (unbind, dequeue);
 *                             s_freed: the last put_device
 *  drain_begin(pp)            mlxsim_port_drain_begin (ibdev.c) ->
 *                             mlxsim_port_ref_drain_begin: drainers++, the
 *                             port refuses new references (the owner
 *                             pinned by get_device: ports never go away
 *                             in the model)
 *  del_wait()                 mlxsim_port_drain_wait (ibdev.c):
 *                             wait_event_killable, unlocked; the killable
 *                             relock; if killed: mlxsim_mp_drain_end on
 *                             every port and return (the rollback)
 *  drain_end(pp, rollback)    mlxsim_port_drain_end ->
 *                             mlxsim_port_ref_drain_end: drainers--, and
 *                             the removal's return
 *  holder: get                mlxsim_port_get (ibdev.c) /
 *                             mlxsim_port_ref_get (port_ref.c): refused
 *                             while unaffiliating or drainers
 *  holder: use                the command on the slave (mlxsim_port_cmd)
 *  holder: put                mlxsim_port_put_n / mlxsim_port_ref_put:
 *                             count down and read the trace's fields under
 *                             the port lock (only if port->fn is still
 *                             the slave); wake_up_all after unlocking if
 *                             a drain is pending; the slave untouched
 *                             after the wake
 *
 * Mutants (one at a time, -D on the spin command line):
 *   MUT_REQUEUE    upstream 7ce6095e3bff "RDMA/mlx5: Dont add slave port
 *                  to unaffiliated list": a bind that fails during the
 *                  master's walk of the unaffiliated list adds the slave
 *                  to it again
 *   MUT_PUT_UAF    the put reads the slave (fn->p.id for the trace) after
 *                  waking the unbind
 *   MUT_NO_RECHECK the waiter takes one wakeup as "drained" without
 *                  re-checking refcnt == 0: a wakeup from an earlier put
 *                  (not the last one) ends a drain early
 *   MUT_NO_DRAIN_END  a killed removal returns without drain_end: the
 *                  port refuses references for good
 *   MUT_LOST_WAKEUP   the waiter checks the condition before it queues
 *                  itself: a put in between wakes nobody
 */

/* Bounds (README.md): all are small integers, each adds interleavings. */
#ifndef HOLDERS
#define HOLDERS 2	/* processes taking native-port references */
#endif
#ifndef ROUNDS
#define ROUNDS 2	/* get/use/put rounds of each holder; 0: forever */
#endif
#ifdef LIVENESS		/* the liveness run: holders go on forever */
#undef ROUNDS
#define ROUNDS 0
#endif
#ifndef KILLS
#define KILLS 2		/* removal waits (or relocks) that may be killed */
#endif
#ifndef FAILS
#define FAILS 1		/* binds whose firmware commands may fail */
#endif

#define NS 2		/* slave generations */
#define NP 2		/* IB devices of the master (added twice) */
#define NW 2		/* processes that wait: 0 master_admin, 1 slave_admin */
#define NOBODY 255
#define S_NONE 0
#define S_UNAFF 1
#define S_BOUND 2

bool mlx_lock;

/* slaves */
byte s_state[NS];
byte s_listed[NS];
byte s_port[NS] = NOBODY;	/* the port (IB device) it is bound on */
bool s_fwd[NS];
bool s_unbound[NS];	/* its unbind completed; no bind since */
bool s_freed[NS];

/* the master; m_port: its current IB device's port 2 */
bool m_present;
bool m_published;
byte m_slot = NOBODY;
byte m_port = NOBODY;
byte m_gens;		/* IB devices made so far */

/* port 2 of each IB device (struct mlxsim_port, its mlxsim_port_ref) */
byte p_fn[NP] = NOBODY;
byte p_refcnt[NP];
bool p_unaff[NP];	/* unaffiliating: the locked unbind's drain */
byte p_drainers[NP];	/* removals waiting unlocked */
byte g_drain[NP];	/* ghost: removals between drain_begin and return */

/* the wait queue port->unref: where each waiter is queued, if woken */
byte wq_on[NW] = NOBODY;
bool woken[NW];

/* the unaffiliated list (mlxsim_mp_index waiting chain) */
byte list[NS];
byte list_len;
bool walking;
byte walk_cur = NOBODY;

byte kills = KILLS;
byte fails = FAILS;
byte pending;		/* unbinds begun, not completed */
byte waiting;		/* removals in their unlocked wait */

inline lock()
{
	atomic { !mlx_lock -> mlx_lock = true }
}

/*
 * Under mlxsim_lock only the steps others can see (port state, the wait
 * queue, the ghosts s_unbound/s_freed) are interleaving points; the steps
 * between them touch state that only mlxsim_lock holders read, so each
 * such run is one atomic block.
 */

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

/* wake_up_all(&port->unref): each queued waiter runs, off the queue */
inline wake_up_all(pp)
{
	for (wi : 0 .. NW - 1) {
		if
		:: wq_on[wi] == pp -> woken[wi] = true; wq_on[wi] = NOBODY
		:: else -> skip
		fi
	}
	wi = 0
}

/*
 * wait_event{,_killable}(port->unref, refcnt == 0) of waiter @w: queue
 * itself (prepare_to_wait), check the condition under the port lock,
 * sleep until woken (or killed, if @killable), and check again.
 */
inline wait_drained(w, pp, killable, killed)
{
	do
	::
#ifdef MUT_LOST_WAKEUP
		need = p_refcnt[pp] > 0;
		atomic {
			wq_on[w] = pp; woken[w] = false;
			if
			:: !need -> wq_on[w] = NOBODY; break
			:: else -> skip
			fi
		};
#else
		atomic {
			wq_on[w] = pp; woken[w] = false;	/* prepare_to_wait */
			if
			:: p_refcnt[pp] == 0 -> wq_on[w] = NOBODY; break
			:: else -> skip
			fi
		};
#endif
		if
		:: woken[w] -> woken[w] = false			/* schedule() */
		:: atomic {
			killable && kills > 0 ->
				kills--; killed = true; wq_on[w] = NOBODY
		   };
			break
		fi;
#ifdef MUT_NO_RECHECK
		break	/* the wakeup taken for "drained" */
#else
		skip
#endif
	od;
	need = false
}

/*
 * mlxsim_mp_bind's start (under mlxsim_lock): the slot, s->master, then
 * port_set: from now on the port takes references for @s.
 */
inline bind_start(s)
{
	m_slot = s;
	s_port[s] = m_port;
	p_fn[m_port] = s;
	p_unaff[m_port] = false;
	s_unbound[s] = false
}

/* mlxsim_mp_bind's success: off the waiting list, bound, forwarding */
inline bind_ok(s)
{
	if
	:: s_listed[s] -> list_del(s)
	:: else -> skip
	fi;
	s_state[s] = S_BOUND;
	s_fwd[s] = true
}

/*
 * mlxsim_mp_unbind (under mlxsim_lock; it always completes): forwarding
 * off, then mlxsim_port_drain sets unaffiliating: no new references.
 */
inline unbind_start(s)
{
	s_fwd[s] = false;
	pending++;
	up = s_port[s];
	p_unaff[up] = true
}

/* ... the drain's wait (uninterruptible) ... */
inline unbind_wait(w)
{
	wait_drained(w, up, false, killed)
}

/*
 * ... the rest of mlxsim_mp_port_clear: port_set(NULL) (refcnt 0, wake
 * the queue), the slot, s->master; the unbind done.
 */
inline unbind_end(s)
{
	/* no reference may outlive the unbind */
	assert(p_refcnt[up] == 0);
	p_fn[up] = NOBODY;
	p_unaff[up] = false;
	p_refcnt[up] = 0;
	wake_up_all(up);
	m_slot = NOBODY;
	s_port[s] = NOBODY;
	s_state[s] = S_NONE;
	s_unbound[s] = true;
	pending--;
	up = NOBODY
}

/*
 * mlxsim_mp_bind of @s to the master's port (under mlxsim_lock): the
 * port first, then the firmware; a failure unbinds.  @bound: it worked.
 */
inline bind(w, s, bound)
{
	if
	:: atomic { fails > 0 -> fails--; bind_start(s) };
		atomic { unbind_start(s) };
		unbind_wait(w);
		atomic { unbind_end(s) };
		bound = false
	:: atomic { bind_start(s); bind_ok(s); bound = true }
	fi
}

inline master_add(w)
{
	atomic {
		lock();
		/* a new IB device: its port and wait queue are new */
		m_port = m_gens;
		m_gens++;
		m_present = true;
		walking = true;
		i = 0
	};
	/* the first waiting slave of port 2 that binds */
	do
	:: atomic { i < list_len -> walk_cur = list[i] };
		bind(w, walk_cur, bound);
		if
		:: bound -> break
		:: else -> atomic { wait_list(walk_cur); i++ }
		fi
	:: else -> break
	od;
	atomic {
		walking = false;
		walk_cur = NOBODY;
		m_published = true;
		i = 0;
		bound = false;
		mlx_lock = false	/* unlock */
	}
}

inline slave_add(w, g)
{
	lock();
	if
	:: m_published && m_slot == NOBODY -> bind(w, g, bound)
	:: else -> skip
	fi;
	atomic {
		if
		:: !bound -> wait_list(g)
		:: else -> skip
		fi;
		bound = false;
		mlx_lock = false
	}
}

/*
 * __mlxsim_mp_drain_begin for the one port (the port refuses new
 * references: drainers++; its owner pinned); g_drain counts the removals
 * between drain_begin and their return.
 */
inline drain_begin(pp)
{
	p_drainers[pp]++;
	g_drain[pp]++;
	waiting++
}

/*
 * mlxsim_mp_drain_end, and the removal's return: the port refuses
 * references only for the removals still in progress on it.
 */
inline drain_end(pp, rollback)
{
	if
	:: pp != NOBODY ->
#ifdef MUT_NO_DRAIN_END
		if
		:: !rollback -> p_drainers[pp]--
		:: else -> skip
		fi;
#else
		p_drainers[pp]--;
#endif
		g_drain[pp]--;
		assert(p_drainers[pp] == g_drain[pp])
	:: else -> skip
	fi
}

/*
 * mlxsim_dev_del's unlocked part: wait for the port (killably), relock
 * (killably).  @killed: rolled back, nothing else changes.
 */
inline del_wait(w, dp, killed)
{
	if
	:: dp != NOBODY -> wait_drained(w, dp, true, killed)
	:: else -> skip
	fi;
	if
	:: !killed ->
		if
		:: atomic { !mlx_lock -> mlx_lock = true;
			    if :: dp != NOBODY -> waiting-- :: else -> skip fi }
		:: atomic { kills > 0 -> kills--; killed = true }
		fi
	:: else -> skip
	fi;
	if
	:: atomic { killed ->
		if :: dp != NOBODY -> waiting-- :: else -> skip fi;
		drain_end(dp, true) }
	:: else -> skip
	fi
}

/* del_device of the master; @killed: rolled back */
inline master_del(w, killed)
{
	atomic {
		lock();
		dp = NOBODY;
		if
		:: m_slot != NOBODY -> dp = m_port; drain_begin(dp)
		:: else -> skip
		fi;
		mlx_lock = false
	};
	del_wait(w, dp, killed);
	if
	:: killed ->
		assert(m_present)	/* a killed removal changes nothing */
	:: else ->
		/* __mlxsim_dev_del -> mlxsim_mp_master_remove */
		atomic {
			m_published = false;
			s = m_slot;
			if
			:: s != NOBODY -> unbind_start(s)
			:: else -> skip
			fi
		};
		if
		:: s != NOBODY ->
			unbind_wait(w);
			atomic { unbind_end(s); wait_list(s) }
		:: else -> skip
		fi;
		atomic {
			m_present = false;
			drain_end(dp, false);
			mlx_lock = false;
			s = 0
		}
	fi;
	dp = 0
}

/* del_device of slave @g; @killed: rolled back */
inline slave_del(w, g, killed)
{
	atomic {
		lock();
		dp = NOBODY;
		if
		:: s_state[g] == S_BOUND -> dp = s_port[g]; drain_begin(dp)
		:: else -> skip
		fi;
		mlx_lock = false
	};
	del_wait(w, dp, killed);
	if
	:: killed ->
		assert(!s_freed[g])	/* a killed removal changes nothing */
	:: else ->
		/* __mlxsim_dev_del -> mlxsim_mp_slave_remove */
		if
		:: atomic { s_state[g] == S_BOUND -> unbind_start(g) };
			unbind_wait(w);
			atomic { unbind_end(g) }
		:: else -> skip
		fi;
		atomic {
			if
			:: s_listed[g] -> list_del(g)
			:: else -> skip
			fi;
			s_state[g] = S_NONE;
			drain_end(dp, false);
			mlx_lock = false
		};
		s_freed[g] = true	/* put_device: the function is freed */
	fi;
	dp = 0
}

proctype master_admin()
{
	byte i, s, dp, up = NOBODY, wi;
	bool bound, killed, need;

	master_add(0);
	do
	:: master_del(0, killed);
		if
		:: atomic { killed -> killed = false }	/* written again */
		:: else -> break
		fi
	od;
	master_add(0)
}

proctype slave_admin()
{
	byte g, i, s, dp, up = NOBODY, wi;
	bool bound, killed, need;

	for (g : 0 .. NS - 1) {
		slave_add(1, g);
		do
		:: slave_del(1, g, killed);
			if
			:: atomic { killed -> killed = false }
			:: else -> break
			fi
		od
	}
}

proctype holder()
{
	byte r, h = NOBODY, pp = NOBODY, wi;
	bool waking;

end:	do
#if ROUNDS > 0
	:: r == ROUNDS -> break
	:: r < ROUNDS ->
#else
	:: true ->
#endif
		/* get: only from a port with a slave, not draining */
		atomic {
#if ROUNDS > 0
			r++;
#endif
			pp = m_port;
			if
			:: pp != NOBODY && p_fn[pp] != NOBODY && !p_unaff[pp] &&
			   p_drainers[pp] == 0 ->
				p_refcnt[pp]++; h = p_fn[pp]
			:: else ->
				/* refused only while someone drains it */
				assert(pp == NOBODY || p_fn[pp] == NOBODY ||
				       p_unaff[pp] || g_drain[pp] > 0);
				pp = NOBODY
			fi
		};
		if
		:: h != NOBODY ->
			atomic {
				/* the use: the slave is alive and still bound */
				assert(!s_unbound[h] && !s_freed[h]);
				/* put: everything read under the port lock */
				if
				:: p_fn[pp] == h ->
					p_refcnt[pp]--;
					waking = p_unaff[pp] || p_drainers[pp] > 0
				:: else -> skip
				fi
			};
			atomic {
				if
				:: waking -> wake_up_all(pp)
				:: else -> skip
				fi;
#ifndef MUT_PUT_UAF
				h = NOBODY;
#endif
				pp = NOBODY; waking = false
			};
#ifdef MUT_PUT_UAF
			/* the trace reads fn->p.id after the wake-up */
			assert(!s_freed[h]);
			h = NOBODY;
#endif
			skip
		:: else -> skip
		fi
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
	}
}

/* every unbind and every removal's wait ends, once the holders put */
ltl live { [] ((pending > 0 || waiting > 0) -> <> (pending == 0 && waiting == 0)) }
