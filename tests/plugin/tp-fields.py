#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""List the events the trace headers define and their fields, in order.

Usage: tp-fields.py HEADER...
Prints one line per event: NAME<TAB>TYPE NAME;TYPE NAME[LEN];...
(the way the kernel writes them in the event's format file).
Understands TRACE_EVENT, DECLARE_EVENT_CLASS + DEFINE_EVENT, and the
__field, __field_struct and __array entry macros.
"""
import re
import sys


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    return re.sub(r'//[^\n]*', ' ', text)


def balanced(text, start):
    """Text inside the parentheses opening at text[start]."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == '(':
            depth += 1
        elif text[i] == ')':
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    raise ValueError('unbalanced parentheses')


def split_args(text):
    args, depth, cur = [], 0, ''
    for ch in text:
        if ch == ',' and depth == 0:
            args.append(cur.strip())
            cur = ''
            continue
        depth += ch == '('
        depth -= ch == ')'
        cur += ch
    args.append(cur.strip())
    return args


def entry_fields(body):
    m = re.search(r'\bTP_STRUCT__entry\s*\(', body)
    if not m:
        return []
    entry = balanced(body, m.end() - 1)
    fields = []
    for fm in re.finditer(r'\b(__field|__field_struct|__array)\s*\(', entry):
        args = [' '.join(a.split()) for a in split_args(balanced(entry, fm.end() - 1))]
        if fm.group(1) == '__array':
            fields.append('%s %s[%s]' % (args[0], args[1], args[2]))
        else:
            fields.append('%s %s' % (args[0], args[1]))
    return fields


def main():
    classes, events = {}, []
    for path in sys.argv[1:]:
        with open(path) as f:
            text = strip_comments(f.read())
        for m in re.finditer(r'^\s*(TRACE_EVENT|DECLARE_EVENT_CLASS|DEFINE_EVENT)\s*\(',
                             text, flags=re.M):
            body = balanced(text, m.end() - 1)
            args = split_args(body)
            if m.group(1) == 'TRACE_EVENT':
                events.append((args[0], entry_fields(body)))
            elif m.group(1) == 'DECLARE_EVENT_CLASS':
                classes[args[0]] = entry_fields(body)
            else:
                events.append((args[1], classes.get(args[0], [])))
    for name, fields in events:
        print('%s\t%s' % (name, ';'.join(fields)))


main()
