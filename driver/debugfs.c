// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by every writable mlxsim file. */
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "mlxsim.h"

/* The whole write as a NUL-terminated string; one write, bounded size. */
char *mlxsim_dbg_read_input(const char __user *ubuf, size_t count)
{
	if (!count)
		return ERR_PTR(-EINVAL);
	if (count > MLXSIM_INPUT_MAX)
		return ERR_PTR(-E2BIG);
	return memdup_user_nul(ubuf, count);
}

ssize_t mlxsim_knob_write(struct mlxsim_knob *k, struct file *file,
			  const char __user *ubuf, size_t count)
{
	struct mlxsim_knob_err e = { .bad = "" };
	char *buf;
	int err;

	buf = mlxsim_dbg_read_input(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	err = k->write(file_inode(file)->i_private, buf, count, &e);
	kfree(buf);
	/* refusals of well-formed input name no token and are not logged */
	if (err && e.bad[0])
		__mlxsim_bad_input(&k->rs, e.fn, k->name, e.bad, err);
	return err ? err : count;
}

void __mlxsim_bad_input(struct ratelimit_state *rs, struct mlxsim_fn *fn,
			const char *file, const char *tok, int err)
{
	if (!__ratelimit(rs))
		return;
	if (fn)
		pr_warn(DRV_NAME "%u: %s: bad input '%s': %s\n", fn->p.id,
			file, tok, mlxsim_errno_name(err));
	else
		pr_warn(DRV_NAME ": %s: bad input '%s': %s\n", file, tok,
			mlxsim_errno_name(err));
}
