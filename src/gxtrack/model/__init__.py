"""The domain: the plan, records and the arithmetic of 序时进度.

Standard library and pydantic only; nothing here touches a file.
"""
