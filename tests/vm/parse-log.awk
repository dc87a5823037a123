# Judge the serial log of one mlxsim test VM (tests/vm/run.sh).
# Prints a report, then a last line "RESULT passed failed skipped".
# Variables: qemu_rc (exit status of timeout+qemu), timeout (seconds).
#
# Failures: "not ok" TAP lines; a script that exited non-zero, missed its
# plan or never finished; "# runner: FAIL" lines; a VM that never reached
# the runner's end marker; and any kernel log line (console or dmesg dump)
# or kmemleak report matching the patterns below.

BEGIN {
	bad = "BUG:|WARNING:|Oops|KASAN|kernel BUG at|general protection fault|" \
	      "Kernel panic|UBSAN:|possible circular locking|" \
	      "possible recursive locking|inconsistent lock state|" \
	      "suspicious RCU|lock held when returning to user space|" \
	      "blocked for more than|detected stall|soft lockup|hard LOCKUP|" \
	      "list_add corruption|list_del corruption|refcount_t:|" \
	      "unreferenced object"
	ns = 0; nbad = 0; extra = 0
}

{ sub(/\r$/, "") }

/^==== MLXSIM-VM BEGIN/ { begun = 1; next }
/^==== MLXSIM-VM END/ { ended = 1; next }
/^==== MLXSIM-VM ABORT/ { aborted = 1; next }

/^# ==== suite-end / {
	s = $4
	for (i = 5; i <= NF; i++) {
		if ($i ~ /^rc=/) rc[s] = substr($i, 4) + 0
		if ($i ~ /^ms=/) ms[s] = substr($i, 4) + 0
	}
	done_[s] = 1
	cur = ""
	next
}
/^# ==== suite / {
	cur = $4
	order[++ns] = cur
	pass[cur] = fail[cur] = skip[cur] = 0
	plan[cur] = -1
	next
}

/^==== DMESG-SUITE .* BEGIN/ { ctx = "after " $3; next }
/^==== DMESG-SUITE .* END/ { ctx = ""; next }
/^==== KMEMLEAK BEGIN/ { ctx = "kmemleak"; inleak = 1; next }
/^==== KMEMLEAK END/ { ctx = ""; inleak = 0; next }
/^==== DMESG BEGIN/ { ctx = "dmesg"; next }
/^==== DMESG END/ { ctx = ""; next }

/^# runner: FAIL/ { extra++; runner_msg[extra] = $0 }

cur != "" && /^ok [0-9]+/ {
	if (tolower($0) ~ /# *skip/) skip[cur]++; else pass[cur]++
}
cur != "" && /^not ok [0-9]+/ {
	if (tolower($0) ~ /# *todo/) { skip[cur]++; next }
	fail[cur]++
	failed_lines[cur] = failed_lines[cur] "    " cur ": " $0 "\n"
	want_diag = cur
	next
}
cur != "" && want_diag == cur && /^#/ {
	failed_lines[cur] = failed_lines[cur] "      " $0 "\n"
	next
}
{ want_diag = "" }
cur != "" && /^1\.\.[0-9]+/ {
	split($1, a, /\.\./)
	plan[cur] = a[2] + 0
	if (plan[cur] == 0 && tolower($0) ~ /skip/) skipall[cur] = 1
}

# kernel log lines carry a printk timestamp; kmemleak reports do not
(/\[ *[0-9]+\.[0-9]+\]/ || inleak) && $0 ~ bad {
	k = $0
	sub(/^.*\[ *[0-9]+\.[0-9]+\] */, "", k)
	if (!(k in seen)) {
		seen[k] = 1
		badline[++nbad] = sprintf("    [%s] %s", ctx == "" ? "console" : ctx, k)
		leakbt = inleak ? nbad : 0
		btlines = 0
	}
	next
}
# the allocation backtrace of a kmemleak report
inleak && leakbt && /^ +\[</ && btlines < 12 {
	k = $0
	sub(/^ +\[<[^]]*\] */, "", k)
	badline[leakbt] = badline[leakbt] "\n        " k
	btlines++
}

END {
	P = F = S = 0
	for (i = 1; i <= ns; i++) {
		s = order[i]
		note = ""
		f = fail[s]
		if (!(s in done_)) { f++; note = note " (did not finish)" }
		else if (rc[s] == 124 || rc[s] == 137) { f++; note = note " (killed: script timeout)" }
		else if (rc[s] != 0 && fail[s] == 0) { f++; note = note " (exited " rc[s] ")" }
		n = pass[s] + fail[s] + skip[s]
		if (s in done_ && plan[s] >= 0 && plan[s] != n) {
			f++; note = note " (plan 1.." plan[s] ", ran " n ")"
		}
		if (s in done_ && plan[s] < 0 && n > 0) { f++; note = note " (no TAP plan)" }
		if (skipall[s]) { S++; note = note " (skipped)" }
		P += pass[s]; F += f; S += skip[s]
		printf "  %-28s %3d ok  %3d failed  %3d skipped  %7.1fs%s\n", \
			s, pass[s], f, skip[s], (s in ms) ? ms[s] / 1000 : 0, note
		if (failed_lines[s] != "") printf "%s", failed_lines[s]
	}
	for (i = 1; i <= extra; i++) { print "  " runner_msg[i]; F++ }
	if (!begun) {
		print "  the runner never started (see the log: boot or initramfs problem)"
		F++
	} else if (!ended) {
		if (qemu_rc == 124 || qemu_rc == 137)
			print "  the VM was killed (" timeout "; hung guest?)"
		else if (aborted)
			print "  the VM init aborted"
		else
			print "  the VM stopped before the runner finished (kernel panic?)"
		F++
	}
	if (begun && ns == 0 && extra == 0) { print "  no test script ran"; F++ }
	if (nbad) {
		print "  kernel log problems:"
		for (i = 1; i <= nbad && i <= 40; i++) print badline[i]
		if (nbad > 40) print "    ... and " nbad - 40 " more, see the log"
		F++
	}
	print "RESULT", P, F, S
}
