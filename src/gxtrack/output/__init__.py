"""Reports written for people and programs: tables, Markdown, JSON, CSV, workbooks,
fill-in sheets and the monthly HTML report."""
