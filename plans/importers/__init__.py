"""Bring plans in from the Word, Excel and CSV documents councils already have.

`read_plan_file(name, data)` turns a file into a neutral ParsedPlan (themes, actions, warnings naming
table and row); `services.plan_import_confirm` stores one in a single transaction.
"""
