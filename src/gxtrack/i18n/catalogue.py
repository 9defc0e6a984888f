"""Every message gxtrack shows a person, in English and Chinese, in one catalogue.

Each key maps to (English, Chinese); `gxtrack.i18n.t` picks one. A test fails when a key
lacks a language or the code uses a key that is not here.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ── the edge ────────────────────────────────────────────────────────────────────────
    # ── the answer memo ──
    "cache.help": (
        "The cache folder: verified copies of what the plan and data files say, and the"
        " answers of read commands (see the docs: What is kept and why).",
        "缓存文件夹：计划文件和数据文件内容的校验副本，以及只读命令的结果（见文档“缓存与结果记忆”一页）。",
    ),
    "cache.clear.help": (
        "Empty the cache; the next command reads the files in full.",
        "清空缓存；下一条命令将完整读取文件。",
    ),
    "cache.clear.done": (
        "gxtrack: cache cleared: {count} {count:file|files} removed from {folder}",
        "gxtrack：缓存已清空：已从 {folder} 删除 {count} 个文件",
    ),
    "cache.clear.off": (
        "gxtrack: the cache is off (GXTRACK_NO_CACHE): nothing to clear",
        "gxtrack：缓存已关闭（GXTRACK_NO_CACHE）：无需清空",
    ),
    # ── output to streams, FIFOs and template files ──
    "output.waiting_for_reader": (
        "waiting for a reader on {path} (Ctrl-C to stop)",
        "正在等待读取方打开 {path}（按 Ctrl-C 停止）",
    ),
    "template.unknown_type": (
        "{path}: a template is written as .xlsx or .csv (or - for CSV on stdout)",
        "{path}：填报模板只能写成 .xlsx 或 .csv 文件（或用 - 将 CSV 输出到标准输出）",
    ),
    "template.format_mismatch": (
        "{path}: --format {chosen} does not match the file's extension",
        "{path}：--format {chosen} 与文件扩展名不符",
    ),
    "template.xlsx_to_terminal": (
        "an .xlsx template is binary and is not shown on a terminal: redirect stdout to a"
        " file or a pipe, or give --output FILE.xlsx",
        "xlsx 填报模板为二进制内容，不在终端上显示：请将标准输出重定向到文件或管道，"
        "或用 --output FILE.xlsx",
    ),
    # ── the cache folder and its entries ──
    "cache.untrusted.owner": (
        "gxtrack: note: running without the cache: its folder {folder} belongs to another"
        " user (uid {owner}), who could choose what gxtrack shows; set GXTRACK_CACHE_DIR"
        " to a folder of your own",
        "gxtrack：提示：本次不使用缓存：缓存文件夹 {folder} 属于其他用户（uid {owner}），"
        "其内容可被他人左右；请将 GXTRACK_CACHE_DIR 设为你自己的文件夹",
    ),
    "cache.untrusted.writable": (
        "gxtrack: note: running without the cache: others may write to its folder {folder}"
        " (mode {mode}); make it private with: chmod go-w {folder}",
        "gxtrack：提示：本次不使用缓存：其他人可以写入缓存文件夹 {folder}（权限 {mode}）；"
        "请设为私有：chmod go-w {folder}",
    ),
    "edge.error": ("gxtrack: error: {message}", "gxtrack：错误：{message}"),
    "edge.hint": ("hint: {hint}", "提示：{hint}"),
    "edge.crash": (
        "gxtrack: internal error ({kind}): this is a bug; {where}",
        "gxtrack：内部错误（{kind}）：这是程序缺陷；{where}",
    ),
    "edge.crash_report": ("a report was written to {path}", "报告已写入 {path}"),
    "edge.crash_no_report": ("run again with --debug to see it", "加 --debug 重新运行可查看详情"),
    # ── months and numbers ──────────────────────────────────────────────────────────────
    "word.month": ("month", "月份"),
    "month.malformed": (
        "{what} {text!r} is not a month: write it as YYYY-MM, e.g. {year}-06",
        "{what}“{text}”不是月份：请写成 YYYY-MM，例如 {year}-06",
    ),
    "month.no_such": (
        "{what} {text!r}: there is no month {month}",
        "{what}“{text}”：没有{month}月",
    ),
    "month.outside_year": (
        "{what} {text!r} is outside the plan year {year}",
        "{what}“{text}”不在计划年度 {year} 年内",
    ),
    "month.outside_year.hint": (
        "a data file belongs to one plan year; use that year's plan with --targets",
        "一个数据文件只属于一个计划年度；请用 --targets 指定该年度的计划",
    ),
    "number.empty": ("the value is empty: type a number", "数值为空：请输入数字"),
    # ── values with their words: units and magnitude words after the number ──
    "number.other_unit": (
        "{text!r}: “{words}” is not this indicator's unit ({unit}) nor 万/亿/万亿 of it",
        "“{text}”：“{words}”不是该指标的单位（{unit}），也不是它的万/亿/万亿",
    ),
    "number.other_unit.hint": (
        "type the figure in {unit}, or with 万, 亿 or 万亿 before the unit",
        "请按 {unit} 填写，或在单位前加 万、亿、万亿",
    ),
    "number.not_a_number": ("{text!r} is not a number", "“{text}”不是数字"),
    "number.spaces.hint": (
        "a number has no spaces inside; group thousands with commas (5,000)",
        "数字中间不能有空格；千分位请用逗号（5,000）",
    ),
    "number.grouping.hint": (
        "thousands separators must group three digits (5,000); use . for decimals",
        "千分位逗号须每三位一组（5,000）；小数请用小数点",
    ),
    "number.percent.hint": (
        "type the number without % (rates are in percent already)",
        "请去掉 %（增速本身以百分比计）",
    ),
    "number.not_finite": ("{value} is not a finite number", "{value} 不是有限的数"),
    "number.too_large": ("{value} is too large for a plan figure", "{value} 太大，不像计划数据"),
    "number.negative": (
        "{value} is negative, but a {kind} cannot be",
        "{value} 是负数，但{kind}不能为负",
    ),
    "number.negative.hint": ("only growth rates may be negative", "只有增速可以为负"),
    "number.not_whole": (
        "{value} is not a whole number, but a count must be",
        "{value} 不是整数，但个数必须是整数",
    ),
    "number.share_over_100": (
        "{value} is more than 100, but a share is a percentage",
        "{value} 超过 100，但比例是百分数",
    ),
    "number.milestone": (
        "{value}: a milestone is 1 (done) or 0 (not done)",
        "{value}：里程碑只能是 1（已完成）或 0（未完成）",
    ),
    "kind.count": ("count", "个数"),
    "kind.amount": ("amount", "金额"),
    "kind.rate": ("rate", "增速"),
    "kind.share": ("share", "比例"),
    "kind.milestone": ("milestone", "里程碑"),
    "kind.district": ("district", "区"),
    "kind.county_city": ("county-level city", "县级市"),
    "kind.county": ("county", "县"),
    "kind.management_area": ("management area", "管理区"),
    "kind.development_zone": ("development zone", "开发区"),
    "kind.park": ("park", "园区"),
    "kind.department": ("department", "部门"),
    "report.units.title": (
        "{plan}: {count} reporting {count:unit|units}",
        "{plan}：{count} 个填报单位",
    ),
    "column.unit_kind": ("Kind", "类别"),
    "column.unit_name": ("Unit", "单位名称"),
    "column.parent": ("Within", "所属"),
    "column.rank": ("Rank", "排名"),
    "report.matrix.title": ("{plan} — units as of {month}", "{plan} — 截至 {month} 各单位进展"),
    # the matrix's legend: each status's mark and word, then these
    "matrix.legend.data": ("figures without a goal", "有数据无分解目标"),
    "matrix.legend.blank": ("blank: neither figures nor a goal", "空白：无数据也无目标"),
    "mark.achieved": ("A", "完"),
    "mark.on_track": ("+", "正"),
    "mark.at_risk": ("!", "警"),
    "mark.behind": ("x", "滞"),
    "mark.no_data": (".", "无"),
    "mark.data": ("o", "〇"),
    "report.rank.title": (
        "{code} {name} — units ranked as of {month}",
        "{code} {name} — 截至 {month} 各单位排名",
    ),
    "rank.by_schedule": ("Against their own goals, by % of schedule", "按分解目标序时完成率排名"),
    "rank.by_actual": ("Without goals, by actual", "无分解目标，按实际完成排名"),
    "rank.footer": (
        "{unranked} {unranked:unit|units} without figures {unranked:is|are} not ranked; "
        "= marks a tie",
        "{unranked} 个单位无数据未排名；“=”表示并列",
    ),
    # ── files ───────────────────────────────────────────────────────────────────────────
    # ── OS reasons in words, and files that cannot be read or written ──
    "os.enoent": ("No such file or directory", "文件或文件夹不存在"),
    "os.eacces": ("Permission denied", "权限不足"),
    "os.eperm": ("Operation not permitted", "不允许此操作"),
    "os.enospc": ("No space left on device", "磁盘空间已满"),
    "os.edquot": ("Disk quota exceeded", "超出磁盘配额"),
    "os.erofs": ("Read-only file system", "文件系统为只读"),
    "os.eisdir": ("Is a folder", "是文件夹"),
    "os.enotdir": ("A part of the path is not a folder", "路径中有一部分不是文件夹"),
    "os.eexist": ("File exists", "文件已存在"),
    "os.ebusy": ("Device or resource busy", "文件或设备正被占用"),
    "os.etxtbsy": ("File is in use by a running program", "文件正被运行中的程序使用"),
    "os.enametoolong": ("File name too long", "文件名过长"),
    "os.eloop": ("Too many levels of symbolic links", "符号链接层级过多（可能成环）"),
    "os.eio": ("Input/output error", "输入/输出错误"),
    "os.emfile": ("Too many open files", "打开的文件过多"),
    "os.enotempty": ("Folder not empty", "文件夹不为空"),
    "os.exdev": ("Cannot move across file systems", "不能跨文件系统移动"),
    "number.foreign_digit": (
        "{text}: “{char}” ({code}) is not a digit gxtrack reads",
        "{text}：“{char}”（{code}）不是 gxtrack 可识别的数字",
    ),
    "number.foreign_digit.hint": (
        "type the number with the digits 0-9 (full-width ０-９ work too)",
        "请用数字 0-9 输入（全角 ０-９ 亦可）",
    ),
    "write.unreadable": (
        "{path}: the file is unreadable for you (you may neither read nor write it); "
        "nothing was written",
        "{path}：您无权读取该文件（既不能读也不能写）；未写入任何内容",
    ),
    "write.unreadable.hint": (
        "if you should record into it, ask its owner to let you read and write it (chmod u+rw)",
        "如确需录入，请联系其所有者为您开放读写权限（chmod u+rw）",
    ),
    "write.folder_read_only.hint": (
        "gxtrack writes the new data file and its lock in that folder: ask the folder's owner, "
        "or make the folder writable (chmod u+w {folder}) first",
        "gxtrack 需要在该文件夹中写入新的数据文件及其锁文件：请联系文件夹的所有者，"
        "或先将该文件夹设为可写（chmod u+w {folder}）",
    ),
    "output.own_file.plain_hint": ("name a new file for the output", "请为输出另取文件名"),
    "output.is_folder.plain_hint": (
        "give the path of a file, not of a folder",
        "请指定文件的路径，而不是文件夹",
    ),
    "import.nul": (
        "{where}: the file contains NUL bytes: it is not CSV text",
        "{where}：文件含有 NUL 字节：不是 CSV 文本",
    ),
    "import.nul.hint": (
        "open it in Excel or WPS and save it again as “CSV UTF-8”",
        "请用 Excel 或 WPS 打开后重新另存为“CSV UTF-8”",
    ),
    "import.open_quote": (
        '{where}: the quotation mark (") that opens this cell is never closed',
        '{where}：该单元格开头的引号（"）直到文件末尾都没有闭合',
    ),
    "import.open_quote.hint": (
        'close the quote after the cell\'s text (a quote inside a quoted cell is written "")',
        '请在单元格文字后补上引号（带引号的单元格内的引号写作 ""）',
    ),
    "file.sheet": ("spreadsheet", "表格文件"),
    "file.not_found": ("{path}: {what} not found", "{path}：找不到{what}"),
    # ── where gxtrack writes and what it refuses ──
    "file.too_large": (
        "{path}: the {what} is larger than {limit} MiB; it is not read",
        "{path}：{what}超过 {limit} MiB，不予读取",
    ),
    "file.too_large.hint": (
        "a real plan or data file is far smaller (100,000 records take about 9 MiB): "
        "check that the path names the right file",
        "正常的计划或数据文件远小于此（10 万条记录约 9 MiB）：请检查路径是否指向正确的文件",
    ),
    "file.not_regular": (
        "{path}: is a {kind}, not a {what}; it is not read",
        "{path}：是{kind}，不是{what}，不予读取",
    ),
    "file.not_regular.hint": (
        "give the path of a regular file (gxtrack does not read from pipes or devices)",
        "请指定普通文件的路径（gxtrack 不从管道或设备读取）",
    ),
    "kind.fifo": ("named pipe (FIFO)", "命名管道（FIFO）"),
    "kind.char_device": ("character device", "字符设备"),
    "kind.block_device": ("block device", "块设备"),
    "kind.socket": ("socket", "套接字"),
    "kind.folder": ("folder", "文件夹"),
    "kind.special": ("special file", "特殊文件"),
    "data.empty": (
        "{path}: the data file is empty: it holds no schema_version, plan_year or records",
        "{path}：数据文件是空的：没有 schema_version、plan_year 或任何记录",
    ),
    "data.empty.hint": (
        "if it was emptied by mistake, restore it from a backup or git; to start afresh, "
        "delete it (the first record creates it)",
        "若是误清空，请从备份或 git 恢复；若要重新开始，请删除该文件（首次录入时会重新创建）",
    ),
    "data.no_folder": (
        "{path}: the folder {folder} does not exist; nothing was written",
        "{path}：文件夹 {folder} 不存在；未写入任何内容",
    ),
    "data.no_folder.hint": (
        "check --data (or GXTRACK_DATA) for a typo, or create the folder first",
        "请检查 --data（或 GXTRACK_DATA）是否有误，或先创建该文件夹",
    ),
    "data.none_yet": (
        "{path}: no data file here yet, so nothing is recorded (the first record creates it)",
        "{path}：此处尚无数据文件，因此没有任何记录（首次录入时创建）",
    ),
    "lock.bad_timeout": (
        "GXTRACK_LOCK_TIMEOUT={value!r} is not a number of seconds",
        "GXTRACK_LOCK_TIMEOUT={value!r} 不是有效的秒数",
    ),
    "lock.bad_timeout.hint": (
        "set it to a finite number of seconds, 0 or more (e.g. 30), or unset it for 10 s",
        "请设为 0 或更大的有限秒数（如 30），或取消设置以使用默认的 10 秒",
    ),
    "write.read_only": (
        "{path}: the file is read-only for you; nothing was written",
        "{path}：该文件对您只读；未写入任何内容",
    ),
    "write.folder_read_only": (
        "{path}: you may not write in the folder {folder}; nothing was written",
        "{path}：您无权在文件夹 {folder} 中写入；未写入任何内容",
    ),
    "write.read_only.hint": (
        "if it should change, ask its owner, or make it writable (chmod u+w) first",
        "如确需修改，请联系其所有者，或先将其设为可写（chmod u+w）",
    ),
    "output.own_file": (
        "{path}: is gxtrack's own file {own}; an output never replaces it",
        "{path}：是 gxtrack 自己的文件 {own}；输出不会覆盖它",
    ),
    "output.own_file.hint": (
        "name a new file for the output, e.g. {example}",
        "请为输出另取文件名，例如 {example}",
    ),
    # ── outputs: formats gxtrack does not write ──
    "output.unwritten_format": (
        "{path}: gxtrack does not write {extension} files; this command writes {formats}",
        "{path}：gxtrack 不生成 {extension} 文件；此命令可写 {formats}",
    ),
    "output.unwritten_format.hint": (
        "name the file with one of those extensions, e.g. {example}",
        "请使用上述扩展名之一，例如 {example}",
    ),
    "output.unwritten_format.pdf_hint": (
        "write {example}, open it in Word, WPS or a browser and print or save it as PDF",
        "请写成 {example}，再用 Word、WPS 或浏览器打开，打印或另存为 PDF",
    ),
    "output.is_folder": (
        "{path}: is a folder; nothing was written",
        "{path}：是文件夹；未写入任何内容",
    ),
    "output.is_folder.hint": (
        "name a file inside it, e.g. {example}",
        "请指定其中的文件，例如 {example}",
    ),
    "output.special": (
        "{path}: is a {kind}; gxtrack writes only to a file, a pipe or a character device",
        "{path}：是{kind}；gxtrack 只写入普通文件、管道或字符设备",
    ),
    "init.not_folder": (
        "{path}: is a file, not a folder; nothing was written",
        "{path}：是文件而不是文件夹；未写入任何内容",
    ),
    "init.cannot_make_folder": (
        "{path}: cannot create the folder: {reason}",
        "{path}：无法创建文件夹：{reason}",
    ),
    "file.is_folder": ("{path}: is a folder, not a {what}", "{path}：是文件夹，不是{what}"),
    "file.cannot_read": (
        "{path}: cannot read the {what}: {reason}",
        "{path}：无法读取{what}：{reason}",
    ),
    "file.plan": ("plan file", "计划文件"),
    "file.data": ("data file", "数据文件"),
    "file.not_utf8": ("{where}: the file is not UTF-8 text", "{where}：文件不是 UTF-8 文本"),
    "file.not_utf8.hint": (
        "it looks saved in a legacy encoding such as GBK/ANSI; save it as UTF-8",
        "文件似乎以 GBK/ANSI 等旧编码保存；请另存为 UTF-8",
    ),
    "file.number_not_decimal": (
        "{where}: {literal} is not a plain decimal number",
        "{where}：{literal} 不是普通的十进制数",
    ),
    "file.number_not_decimal.hint": (
        "write the figure as digits with an optional decimal point (100, 12.5),"
        " without an exponent, 0x, 0o or 0b",
        "请把数写成数字，可带小数点（100、12.5），不要用指数或 0x、0o、0b",
    ),
    "file.invalid_toml": ("{where}: invalid TOML: {reason}", "{where}：TOML 格式错误：{reason}"),
    "file.twice.hint": (
        "a key or table is defined twice; remove or rename one of them",
        "同一个键或表定义了两次；请删除或改名其中之一",
    ),
    "file.cut_short.hint": (
        "the file looks cut short; compare it with a backup or the last committed copy",
        "文件似乎被截断；请与备份或上次提交的版本比较",
    ),
    "file.quotes.hint": (
        'text values need quotes (name = "..."); numbers must not have them',
        '文字需要加引号（name = "..."）；数字不加引号',
    ),
    "file.unknown_field": ("unknown field", "未知字段"),
    "file.missing_field": ("required field is missing", "缺少必填字段"),
    "file.more_problems": (
        " (and {count} more {count:problem|problems})",
        "（另有 {count} 处问题）",
    ),
    "file.fix.hint": (
        "correct it, then `gxtrack validate`; nothing is written while a file is invalid",
        "改正后运行 `gxtrack validate`；文件有误时不会写入任何内容",
    ),
    "file.known_fields.hint": ("known fields: {fields}", "可用字段：{fields}"),
    "plan.not_found": ("{path}: plan file not found", "{path}：找不到计划文件"),
    "plan.not_found.hint": (
        "run gxtrack in the folder of targets.toml, or pass --targets PATH (or set "
        "GXTRACK_TARGETS); the gxtrack repository ships the 2024 plan as targets.toml",
        "请在 targets.toml 所在文件夹运行，或用 --targets 指定（或设置 GXTRACK_TARGETS）；"
        "gxtrack 仓库自带 2024 年计划 targets.toml",
    ),
    "plan.newer": (
        "{path}: plan schema_version {version} is newer than this gxtrack understands ({ours})",
        "{path}：计划文件 schema_version {version} 比本版 gxtrack 支持的（{ours}）新",
    ),
    "upgrade.hint": ("upgrade gxtrack", "请升级 gxtrack"),
    "plan.no_indicator": ("no indicator {code!r} in the plan", "计划中没有指标“{code}”"),
    "plan.no_indicator.hint": (
        "`gxtrack plan` lists the codes, e.g. {codes}",
        "`gxtrack plan` 可列出全部代码，例如 {codes}",
    ),
    "plan.no_area": ("no area {code!r} in the plan", "计划中没有任务领域“{code}”"),
    "plan.areas.hint": ("areas: {codes}", "任务领域：{codes}"),
    "plan.duplicate_code": (
        "{item} code {code!r} is used twice (items {first} and {second})",
        "{item}代码“{code}”重复（第 {first} 项和第 {second} 项）",
    ),
    "plan.duplicate_code.hint": (
        "every code must be unique: it is what users type",
        "代码必须唯一：这是用户输入的内容",
    ),
    "plan.unknown_area": (
        "indicator {code}: area {area!r} is not in [[areas]]",
        "指标 {code}：任务领域“{area}”不在 [[areas]] 中",
    ),
    "plan.seasonal_list": (
        "a seasonal schedule is written as a list of 12 cumulative fractions: "
        "schedule = [0.05, 0.1, ..., 1]",
        "季节性进度写成 12 个累计比例的列表：schedule = [0.05, 0.1, ..., 1]",
    ),
    "plan.due_month": (
        'due_month goes with schedule = "due"',
        'due_month 只能与 schedule = "due" 一起使用',
    ),
    "plan.flat_sum": (
        'schedule "flat" holds the goal every month, which fits a year-to-date figure: '
        'use combine = "last"',
        'schedule "flat" 表示每月都按全年目标考核，适用于累计数：请用 combine = "last"',
    ),
    "plan.seasonal_rise": (
        "seasonal fractions must rise from 0 to 1, month by month",
        "季节性比例必须逐月从 0 增加到 1",
    ),
    "plan.seasonal_end": (
        "the last seasonal fraction (December) must be 1",
        "最后一个季节性比例（12 月）必须是 1",
    ),
    "plan.milestone": (
        'a milestone has goal = 1 (done) and combine = "last"',
        '里程碑的 goal = 1（完成）且 combine = "last"',
    ),
    "plan.goal": ("goal {reason}", "目标值：{reason}"),
    "plan.unit_goals_forbidden": (
        "unit_goals on an indicator with by_unit = false: only the city delivers it",
        "by_unit = false 的指标不能分解到单位（unit_goals）：它只由全市完成",
    ),
    "plan.ratio_pair": (
        "numerator and denominator go together",
        "numerator 与 denominator 须同时给出",
    ),
    "plan.ratio_last": (
        'a share computed from numerator and denominator takes combine = "last"',
        '由 numerator 和 denominator 计算的比例须用 combine = "last"',
    ),
    "plan.ratio_part": (
        "indicator {code}: {part!r} is not a summed indicator of this plan",
        "指标 {code}：“{part}”不是本计划中按月累加（sum）的指标",
    ),
    "plan.ratio_part.hint": (
        'numerator and denominator name indicators with combine = "sum"',
        'numerator 和 denominator 须指向 combine = "sum" 的指标',
    ),
    "plan.no_unit": ("no reporting unit {code!r} in the plan", "计划中没有填报单位“{code}”"),
    "plan.units.hint": ("units: {codes}", "填报单位：{codes}"),
    # ── unit names as clerks write them ──
    "unit_names.ambiguous": (
        "{text!r} could be more than one reporting unit: {units}; give the unit's code",
        "“{text}”可能指多个填报单位：{units}；请写单位代码",
    ),
    "plan.unknown_unit_goal": (
        "indicator {code}: unit_goals names {unit!r}, which is not in [[units]]",
        "指标 {code}：unit_goals 中的“{unit}”不在 [[units]] 中",
    ),
    "plan.bad_parent": (
        "unit {code}: parent {parent!r} is not a unit, or makes a loop",
        "单位 {code}：上级“{parent}”不是已定义的单位，或形成循环",
    ),
    "plan.split_short": (
        "warning: {code}: the unit goals add up to {split}, short of the city goal {goal}",
        "警告：{code}：各单位目标合计 {split}，低于全市目标 {goal}",
    ),
    "record.not_by_unit": (
        "{code} is delivered by the city as a whole: it takes no --unit",
        "{code} 由全市整体完成：不能按单位录入（--unit）",
    ),
    "word.indicator": ("indicator", "指标"),
    "word.area": ("area", "任务领域"),
    "word.record": ("record", "记录"),
    "word.unit": ("unit", "单位"),
    # ── the data file ───────────────────────────────────────────────────────────────────
    # ── the data file's layout, kept when a record is added ──
    "data.rewrite": (
        "gxtrack: {path}: new records cannot be added to this file's layout in place, so it "
        "is rewritten in gxtrack's own layout (its comments and spacing are not kept); "
        "the file as it was is kept in {backup}",
        "gxtrack：{path}：无法按此文件的格式原地追加记录，将以 gxtrack 自己的格式整体重写"
        "（其中的注释和排版不会保留）；原文件已备份为 {backup}",
    ),
    "data.split_record": (
        "{where}: this record goes on past the end of its line; in the data file each "
        "record stays on one line, from {{ to }}",
        "{where}：这条记录没有在本行结束；数据文件中每条记录必须写在一行内，从 {{ 到 }}",
    ),
    "data.split_record.hint": (
        "join the record's lines into one; a line break inside a note is written \\n",
        "请把这条记录合并为一行；备注中的换行请写成 \\n",
    ),
    "data.newer": (
        "{path}: written by a newer gxtrack (schema_version {version}; this version "
        "understands {ours}); it is left as it is",
        "{path}：由更新版本的 gxtrack 写入（schema_version {version}，本版支持 {ours}）；"
        "文件保持原样",
    ),
    "data.newer.hint": (
        "upgrade gxtrack before recording into this file",
        "请先升级 gxtrack 再向此文件录入",
    ),
    "data.other_year": (
        "{path}: the data file is for {data_year}, the plan for {plan_year}",
        "{path}：数据文件属于 {data_year} 年，计划属于 {plan_year} 年",
    ),
    "data.other_year.hint": (
        "a data file belongs to one plan year: pass the matching --targets or --data",
        "一个数据文件只属于一个计划年度：请指定对应的 --targets 或 --data",
    ),
    "data.bad_record": (
        "{where}: record {number} ({code} {month}): {reason}",
        "{where}：第 {number} 条记录（{code} {month}）：{reason}",
    ),
    "data.bad_record.hint": (
        "correct or remove the line; gxtrack writes nothing until then",
        "请改正或删除该行；在此之前 gxtrack 不会写入",
    ),
    "data.month_outside": (
        "month {month} is outside the plan year {year}",
        "月份 {month} 不在计划年度 {year} 年内",
    ),
    "write.disk_full": (
        "{path}: the disk is full; the file was left as it was",
        "{path}：磁盘已满；文件保持原样",
    ),
    "write.disk_full.hint": ("free some space and record again", "请清理磁盘空间后重新录入"),
    "write.failed": (
        "{path}: could not write: {reason}; the file was left as it was",
        "{path}：无法写入：{reason}；文件保持原样",
    ),
    "write.stdout_failed": (
        "could not write the output: {reason}; what was written is incomplete",
        "无法写出结果：{reason}；已写出的内容不完整",
    ),
    "write.folder": (
        "{path}: cannot write in {folder}: {reason}",
        "{path}：无法在 {folder} 中写入：{reason}",
    ),
    "write.held": (
        "{path}: another program (Excel?) holds the file; close it and try again. "
        "Nothing was changed.",
        "{path}：文件被其他程序（Excel？）占用；请关闭后重试。未做任何修改。",
    ),
    "write.read_back": (
        "{path}: the new content did not read back as written; nothing was changed",
        "{path}：新内容回读校验失败；未做任何修改",
    ),
    "lock.timeout": (
        "{path}: another gxtrack has held this lock for over {seconds} s; nothing was written",
        "{path}：另一个 gxtrack 占用此锁已超过 {seconds} 秒；未写入任何内容",
    ),
    "lock.timeout.hint": (
        "try again in a moment; set GXTRACK_LOCK_TIMEOUT to wait longer",
        "请稍后重试；可设置 GXTRACK_LOCK_TIMEOUT 延长等待",
    ),
    "lock.cannot_create": (
        "{path}: cannot create the lock file: {reason}",
        "{path}：无法创建锁文件：{reason}",
    ),
    # ── the records in PostgreSQL ──
    "db.no_driver": (
        "a database URL needs psycopg, which is not installed",
        "使用数据库地址需要 psycopg，但尚未安装",
    ),
    "db.no_driver.hint": (
        "pip install 'gxtrack[postgres]'",
        "请运行 pip install 'gxtrack[postgres]'",
    ),
    "db.conninfo_not_url": (
        "--data: a key=value connection string is not read (it may hold a password, which "
        "must not be shown or stored); write the database as a URL",
        "--data：不接受 key=value 形式的连接串（其中可能含有密码，不能显示或保存）；"
        "请把数据库写成 URL",
    ),
    "db.bad_url": ("--data: this database URL does not parse", "--data：无法解析此数据库地址"),
    "db.url.hint": (
        "write it as postgresql://USER@HOST:PORT/DATABASE",
        "格式为 postgresql://用户@主机:端口/数据库",
    ),
    "db.password_in_url": (
        "--data: the database URL holds a password; gxtrack takes none from the command line",
        "--data：数据库地址中含有密码；gxtrack 不从命令行接收密码",
    ),
    "db.password_in_url.hint": (
        "leave it out of the URL and put it in PGPASSWORD, ~/.pgpass or a service file",
        "请从地址中删去密码，改用 PGPASSWORD、~/.pgpass 或服务文件",
    ),
    "db.needs_url": (
        "`gxtrack db` works on a database: give --data postgresql://USER@HOST/DATABASE",
        "`gxtrack db` 作用于数据库：请用 --data postgresql://用户@主机/数据库 指定",
    ),
    "db.cannot_connect": (
        "{url}: cannot connect to the database: {reason}",
        "{url}：无法连接数据库：{reason}",
    ),
    "db.cannot_connect.hint": (
        "check the host, port, user and database, and the password in PGPASSWORD or ~/.pgpass",
        "请检查主机、端口、用户和数据库名，以及 PGPASSWORD 或 ~/.pgpass 中的密码",
    ),
    "db.lock_timeout": (
        "{url}: another gxtrack has been recording for over {seconds} s; nothing was written",
        "{url}：另一个 gxtrack 录入已超过 {seconds} 秒；未写入任何内容",
    ),
    "db.refused": (
        "{url}: the database refused: {reason}; nothing was written",
        "{url}：数据库拒绝了操作：{reason}；未写入任何内容",
    ),
    "db.refused.units": (
        "{url}: the database refused: role {role} may record only for {units}, not for "
        "{tried}; nothing was written",
        "{url}：数据库拒绝录入：角色 {role} 只能为 {units} 录入，不能为 {tried} 录入；"
        "未写入任何内容",
    ),
    "db.refused.no_grant": (
        "{url}: the database refused: role {role} may not record for any unit (it has no "
        "grant), so not for {tried}; nothing was written",
        "{url}：数据库拒绝录入：角色 {role} 没有录入授权，不能为 {tried} 录入；未写入任何内容",
    ),
    "db.the_city": ("the city as a whole", "全市"),
    "db.unit_named": ("{name} ({code})", "{name}（{code}）"),
    "db.refused.hint": (
        "a role records only for the unit it is granted (`gxtrack db grants` lists them)",
        "每个角色只能为授权给它的单位录入（`gxtrack db grants` 可列出授权）",
    ),
    "db.not_initialised": (
        "{url}: this database holds no gxtrack records table",
        "{url}：此数据库中没有 gxtrack 的记录表",
    ),
    "db.init.hint": (
        "the database's owner runs `gxtrack db init --data URL` once",
        "请由数据库所有者运行一次 `gxtrack db init --data 地址`",
    ),
    "db.lost": (
        "{url}: the connection to the database was lost: {reason}",
        "{url}：与数据库的连接中断：{reason}",
    ),
    "db.lost_writing": (
        "{url}: the connection to the database was lost before the records were committed;"
        " nothing was written: {reason}",
        "{url}：记录提交前与数据库的连接中断；未写入任何内容：{reason}",
    ),
    "db.failed": ("{url}: the database said: {reason}", "{url}：数据库报错：{reason}"),
    "db.other_year": (
        "the database is for {data_year}, the plan for {plan_year}",
        "数据库属于 {data_year} 年，计划属于 {plan_year} 年",
    ),
    "db.other_year.hint": (
        "each year has its own database: give the one for the plan's year with --data",
        "每年使用单独的数据库：请用 --data 指定与计划同年的数据库",
    ),
    "db.newer": (
        "{url}: the database's schema is version {version}; this gxtrack knows up to {ours}",
        "{url}：数据库结构为第 {version} 版；此版本 gxtrack 只支持到第 {ours} 版",
    ),
    "db.load_not_empty": (
        "{url}: the database already holds {count} {count:record|records}; nothing was loaded",
        "{url}：数据库中已有 {count} 条记录；未载入任何内容",
    ),
    "db.load_not_empty.hint": (
        "load a data file only into a new database (`gxtrack db init` on an empty one)",
        "只能将数据文件载入新数据库（先在空数据库上运行 `gxtrack db init`）",
    ),
    "db.nul_in_note": (
        "{code} {month}: the note holds the character U+0000, which PostgreSQL cannot store;"
        " nothing was written",
        "{code} {month}：备注含有字符 U+0000，PostgreSQL 无法保存；未写入任何内容",
    ),
    "db.nul_in_note.hint": (
        "remove that character from the note (in the data file it is written \\u0000)",
        "请删去备注中的该字符（数据文件中写作 \\u0000）",
    ),
    "db.initialised": (
        "{url}: schema version {version} created for {year}",
        "{url}：已为 {year} 年创建第 {version} 版数据库结构",
    ),
    "db.upgraded": (
        "{url}: schema upgraded from version {old} to {version}; every record kept",
        "{url}：数据库结构已从第 {old} 版升级到第 {version} 版，原有记录全部保留",
    ),
    "db.current": (
        "{url}: schema version {version} is current; nothing changed",
        "{url}：数据库结构已是第 {version} 版；未做任何修改",
    ),
    "db.loaded": (
        "{url}: {count} {count:record|records} loaded from {path}",
        "{url}：已从 {path} 载入 {count} 条记录",
    ),
    # The shared book keeps its plan, refuses rows it could not read, and is audited
    "db.other_plan": (
        "this plan differs from the plan the record book keeps; nothing was written",
        "此计划与记录库保存的计划不同；未写入任何内容",
    ),
    "db.other_plan.hint": (
        "use the book's plan: `gxtrack db plan --output targets.toml`; the owner changes it"
        " with `gxtrack db init`",
        "请使用记录库的计划：`gxtrack db plan --output targets.toml`；由数据库所有者用"
        " `gxtrack db init` 更改",
    ),
    "db.bad_row": (
        "database: row seq {seq}, recorded by {recorded_by} ({code} {month}): {reason}",
        "数据库：序号 {seq} 的记录（由 {recorded_by} 录入，{code} {month}）：{reason}",
    ),
    "db.bad_row.hint": (
        "only the database's owner can remove it: DELETE FROM gxtrack.records WHERE seq = {seq}",
        "只有数据库所有者可以删除它：DELETE FROM gxtrack.records WHERE seq = {seq}",
    ),
    "db.plan_refreshed": (
        "{url}: the book now keeps the plan in {path}",
        "{url}：记录库现在保存 {path} 中的计划",
    ),
    "db.public.revoked": (
        "took CREATE on schema public from PUBLIC: no role may create objects there",
        "已收回 PUBLIC 在 public 模式上的 CREATE 权限：任何角色都不能在其中创建对象",
    ),
    "db.public.open": (
        "every role may create objects in schema public, and only its owner can stop it:"
        " REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        "所有角色都能在 public 模式中创建对象，只有其所有者能禁止："
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
    ),
    "db.plan.written": ("Wrote the book's plan to {path}", "已将记录库的计划写入 {path}"),
    "db.plan.none": (
        "{url}: the book keeps no plan yet (run `gxtrack db init`)",
        "{url}：记录库尚未保存计划（请运行 `gxtrack db init`）",
    ),
    "db.check.ok": ("ok    ", "安全  "),
    "db.check.unsafe": ("UNSAFE", "不安全"),
    "db.check.row_security": (
        "row-level security on {subject}: {detail}",
        "{subject} 的行级安全：{detail}",
    ),
    "db.check.policy": ("policy {subject}: {detail}", "策略 {subject}：{detail}"),
    "db.check.policy_missing": ("policy {subject}: missing", "策略 {subject}：缺失"),
    "db.check.function": ("function {subject}: {detail}", "函数 {subject}：{detail}"),
    "db.check.create": (
        "who may create in schema {subject}: {detail}",
        "可在模式 {subject} 中创建对象的角色：{detail}",
    ),
    "db.check.role": ("role {subject}: {detail}", "角色 {subject}：{detail}"),
    "db.check.unsafe_summary": (
        "the record book is not safe: {count} {count:finding|findings} above",
        "记录库不安全：见上方 {count} 项",
    ),
    "db.check.safe_summary": ("the record book is safe", "记录库是安全的"),
    "db.unit_or_city": (
        "give --unit CODE (a county's or park's clerk) or --city (the city's staff)",
        "请给出 --unit 单位代码（区县或园区填报人）或 --city（市级工作人员）",
    ),
    "db.granted_unit": (
        "{role} may record for {unit} and its parks, and read every record",
        "{role} 可为 {unit} 及其园区录入，并可查看全部记录",
    ),
    "db.granted_city": (
        "{role} may record for the city and every unit, and read every record",
        "{role} 可为全市及各单位录入，并可查看全部记录",
    ),
    "db.revoked": ("{role} may no longer read or record", "{role} 已不能查看或录入"),
    "db.not_granted": ("{role} has no grant; nothing changed", "{role} 没有授权；未做任何修改"),
    "db.grants.none": ("no role is granted yet", "尚未授权任何角色"),
    "db.grant.city": ("{role}: the city and every unit", "{role}：全市及各单位"),
    "db.grant.unit": ("{role}: {unit}{parks}", "{role}：{unit}{parks}"),
    "db.grant.parks": (" and its parks {parks}", " 及其园区 {parks}"),
    # ── recording ───────────────────────────────────────────────────────────────────────
    # ── year-to-date figures and sane magnitudes ──
    "plan.baseline": ("baseline {reason}", "基期值：{reason}"),
    "number.too_small": (
        "{value} is below {least}: too small for a plan figure (a slipped decimal point?)",
        "{value} 小于 {least}，不像计划数据（小数点位置是否有误？）",
    ),
    "number.too_precise": (
        "{value} has {digits} significant digits; a figure may have at most {most}, "
        "or it cannot be kept exactly",
        "{value} 有 {digits} 位有效数字；数值最多 {most} 位，否则无法精确保存",
    ),
    "number.percent_not_allowed": (
        "{text} is a percentage, but a {kind} is not: give the number itself (in a "
        "spreadsheet, format the cell as a number, not a percentage)",
        "{text} 是百分数，但{kind}不是百分数：请填写数值本身（表格中请把单元格设为数值格式，"
        "而非百分比）",
    ),
    "record.ytd_not_sum": (
        "--ytd turns a year-to-date total into the month's increment, but {code} already "
        "takes its year-to-date figure as it is",
        "--ytd 把 1—N 月累计数换算为当月增量，但 {code} 本身就按累计数录入",
    ),
    "record.ytd_not_sum.hint": ("record it without --ytd", "请去掉 --ytd 录入"),
    "undo.nothing": (
        "nothing to undo: {code} has no value in force for {month}",
        "无可撤回：{code} 在 {month} 没有有效数值",
    ),
    "undo.nothing.hint": (
        "`gxtrack history {code}` lists what was recorded",
        "`gxtrack history {code}` 可查看录入记录",
    ),
    # ── year-to-date totals: the month part derived, and parts a total moves ──
    "outcome.ytd_part": (
        " (year-to-date total; {month}'s own part {part})",
        "（1—N月累计数；{month} 当月数 {part}）",
    ),
    "outcome.part_moved": (
        "{month}'s own part is now {after} (was {before}); its typed total is unchanged.",
        "{month} 的当月数现为 {after}（原为 {before}）；该月录入的累计数不变。",
    ),
    "record.basis_without_value": (
        'basis = "ytd" needs a value (the year-to-date total)',
        'basis = "ytd" 须有数值（1—N月累计数）',
    ),
    "outcome.recorded": ("Recorded {subject}: {value}{ytd}.", "已录入 {subject}：{value}{ytd}。"),
    "outcome.ytd": (" (year-to-date {total})", "（1—N月累计 {total}）"),
    "outcome.unchanged": (
        "Unchanged: {subject} is already {value}; nothing written.",
        "未变化：{subject} 已是 {value}；未写入。",
    ),
    "outcome.corrected": (
        "Corrected {subject}: {previous} → {value}{ytd}; the old value is kept as history.",
        "已更正 {subject}：{previous} → {value}{ytd}；原值保留为历史记录。",
    ),
    "outcome.note_updated": (
        "Corrected {subject}: note updated ({value}); the old record is kept as history.",
        "已更正 {subject}：备注已更新（{value}）；原记录保留为历史记录。",
    ),
    "outcome.undone": (
        "Undone {subject}: {previous} withdrawn; in force now: {now}. Every record stays in "
        "the file as history.",
        "已撤回 {subject}：{previous} 已撤回；现有效值：{now}。所有记录都保留在文件中。",
    ),
    "outcome.no_value": ("no value", "无数值"),
    "validate.plan_ok": (
        "{path}: OK ({areas} {areas:area|areas}, {indicators} {indicators:indicator|indicators}, "
        "year {year})",
        "{path}：正确（{areas} 个任务领域，{indicators} 项指标，{year} 年）",
    ),
    "validate.data_ok": (
        "{path}: OK ({records} {records:record|records})",
        "{path}：正确（{records} 条记录）",
    ),
    "validate.no_data": (
        "{path}: no data file yet (the first record creates it)",
        "{path}：尚无数据文件（首次录入时创建）",
    ),
    "export.wrote": ("Wrote {path}", "已写入 {path}"),
    "export.wrote.stdout": ("Wrote to standard output", "已写入标准输出"),
    # ── statuses and reports ────────────────────────────────────────────────────────────
    "status.achieved": ("achieved", "已完成"),
    "status.on_track": ("on track", "正常"),
    "status.at_risk": ("at risk", "预警"),
    "status.behind": ("behind", "滞后"),
    "status.no_data": ("no data", "无数据"),
    "summary.goals": ("{total} {total:goal|goals}: {parts}", "共 {total} 项：{parts}"),
    "summary.no_goals": ("no goals", "共 0 项"),
    # a unit's view with no goal of its own: why it is empty, and how to give it goals
    "status.unit_without_goals": (
        "{unit} has no goals of its own in the plan, so nothing here has a status: its "
        "figures count towards the city's. To follow it against its own goals, give the "
        "indicators unit_goals = {{ {code} = … }} in targets.toml (`gxtrack plan` shows them).",
        "计划中没有给{unit}分解目标，因此这里各项都没有状态（其数据计入全市）。"
        "如需按本单位目标跟踪，请在 targets.toml 的指标中写 unit_goals = {{ {code} = … }}"
        "（`gxtrack plan` 可查看）。",
    ),
    "summary.one_goal": ("{total} goal: {parts}", "共 {total} 项：{parts}"),
    "summary.part": ("{status} {count}", "{status} {count} 项"),
    "summary.separator": (", ", "，"),
    "list.separator": (", ", "、"),
    "summary.plan": ("Plan: {summary}", "全部：{summary}"),
    "report.status.title": (
        "{plan} — status as of {month}, {why} ({number}/12 of the year)",
        "{plan} — 截至 {month}（{why}）进展情况（全年进度 {number}/12）",
    ),
    # why a report is as of its month, in the status title line
    "report.as_of.latest": ("the latest month with a figure", "有数据的最近月份"),
    "report.as_of.asked": ("as asked by --as-of", "按 --as-of 指定"),
    "report.as_of.no_data": ("no figures yet", "尚无数据"),
    "report.gaps.title": (
        "{plan} — gaps as of {month} ({left} {left:month|months} left)",
        "{plan} — 截至 {month} 差距分析（剩余 {left} 个月）",
    ),
    "report.gaps.lagging": ("Behind or at risk, worst first", "滞后或预警（由差到好）"),
    "report.gaps.no_data": ("No data yet", "暂无数据"),
    "report.gaps.footer": (
        "{lagging} lagging, {missing} without data, {fine} on track or achieved",
        "滞后或预警 {lagging} 项，无数据 {missing} 项，正常或已完成 {fine} 项",
    ),
    "report.plan.title": (
        "{plan} ({year}): {areas} {areas:area|areas}, "
        "{indicators} {indicators:indicator|indicators}",
        "{plan}（{year} 年）：{areas} 个任务领域，{indicators} 项指标",
    ),
    "report.history.title": (
        "{code} {name} — every recorded value ({unit})",
        "{code} {name} — 全部录入记录（{unit}）",
    ),
    "report.history.footer": (
        "{records} {records:record|records}, {in_force} in force",
        "共 {records} 条记录，{in_force} 条有效",
    ),
    "report.actuals.title": ("{plan} — all records", "{plan} — 全部记录"),
    "report.nothing": ("(nothing to show)", "（无内容）"),
    "report.hidden": (
        "(hidden at this width: {columns}; widen the terminal or use --format csv)",
        "（窗口太窄，未显示：{columns}；请加宽终端或使用 --format csv）",
    ),
    "gap_unit.pp": ("pp", "个百分点"),
    "quality.more": (
        "… and {count} more data-quality {count:note|notes} (--format json lists them all)",
        "……另有 {count} 条数据质量提示（--format json 可列出全部）",
    ),
    "quality.note": (
        "data quality: {code} {month}: the city figure {city} differs from its units' sum {units}",
        "数据质量：{code} {month}：全市数 {city} 与各单位合计 {units} 不一致",
    ),
    "goal.done": ("done", "完成"),
    "goal.stretch": (" (stretch)", "（力争）"),
    "state.in force": ("in force", "有效"),
    "state.superseded": ("superseded", "已更正"),
    "state.withdrawn": ("withdrawn", "已撤回"),
    "state.undo": ("undo", "撤回"),
    "column.code": ("Code", "代码"),
    "column.indicator": ("Indicator", "指标"),
    "column.actual": ("Actual", "实际完成"),
    "column.goal": ("Goal", "全年目标"),
    "column.unit": ("Unit", "单位"),
    "column.expected": ("Expected", "序时进度"),
    "column.goal_pct": ("% goal", "完成率"),
    "column.schedule_pct": ("% sched.", "序时完成率"),
    "column.status": ("Status", "状态"),
    "column.progress": ("Progress", "进度"),
    "column.gap_schedule": ("Gap/sched.", "差序时"),
    "column.gap_goal": ("Gap/goal", "差目标"),
    "column.pace": ("Pace/mo.", "月均需完成"),
    "column.projection": ("Projected", "预计全年"),
    "column.baseline": ("Baseline", "上年基数"),
    "column.kind": ("Kind", "类型"),
    "column.combine": ("Combine", "汇总方式"),
    "column.schedule": ("Schedule", "进度安排"),
    "column.month": ("Month", "月份"),
    "column.value": ("Value", "数值"),
    "column.state": ("State", "状态"),
    "column.note": ("Note", "备注"),
    "column.recorded_at": ("Recorded at", "录入时间"),
    "history.sparkline": ("Month by month: {line}", "逐月：{line}"),
    # ── plans as governments write them ──
    "plan.stretch_goal_side": (
        "stretch_goal {stretch} must be beyond the goal {goal} (higher for >=, lower for <=)",
        "stretch_goal（力争）{stretch} 应比目标 {goal} 更进一步（>= 时更高，<= 时更低）",
    ),
    "plan.points_kind": (
        "at_risk_points is in percentage points: only for a rate or share indicator",
        "at_risk_points 以百分点计，只用于增速（rate）或比重（share）指标",
    ),
    "plan.milestone_extras": (
        "a milestone has no tolerance and is reported monthly",
        "里程碑指标没有容差（tolerance），按月报告",
    ),
    "plan.previous_year": (
        "previous_year/tolerance: {reason}",
        "previous_year/tolerance：{reason}",
    ),
    "status.missed": ("not achieved", "未完成"),
    "status.unknown": (
        "no status {text!r}; statuses: {values} ({names})",
        "没有“{text}”这种状态；可选：{names}（或 {values}）",
    ),
    "status.achieved_within": ("within tolerance", "基本完成"),
    "status.on_track_within": ("on track (tolerance)", "基本正常"),
    "mark.missed": ("X", "未"),
    "goal.plain": ("{number}", "{number}"),
    "goal.about": ("about {number}", "{number}左右"),
    "goal.at_most": ("at most {number}", "{number}以内"),
    "goal.down_at_least": ("down at least {number}", "下降{number}以上"),
    "goal.down_at_most": ("down at most {number}", "下降不超过{number}"),
    "goal.about_down": ("down about {number}", "下降{number}左右"),
    "goal.down": ("down {number}", "下降{number}"),
    "goal.stretch_mark": (" (aim {number})", "（力争{number}）"),
    "goal.headroom": ("{number} under cap", "余{number}"),
    "goal.over_cap": ("{number} over cap", "超{number}"),
    # A relative goal: another indicator's figure for the same period is the goal.
    "goal.relative_at_least": ("at least {code}'s {number}", "不低于 {code} 的 {number}"),
    "goal.relative_at_most": ("at most {code}'s {number}", "不高于 {code} 的 {number}"),
    "goal.relative_at_least_offset": (
        "at least {code}'s {figure} {offset} ({number})",
        "不低于 {code} 的 {figure} {offset}（{number}）",
    ),
    "goal.relative_at_most_offset": (
        "at most {code}'s {figure} {offset} ({number})",
        "不高于 {code} 的 {figure} {offset}（{number}）",
    ),
    "goal.relative_at_least_unknown": ("at least {code}'s figure", "不低于 {code} 的同期数"),
    "goal.relative_at_most_unknown": ("at most {code}'s figure", "不高于 {code} 的同期数"),
    "change.points_up": ("+{number} pp", "高{number}个百分点"),
    "change.points_down": ("−{number} pp", "低{number}个百分点"),
    "change.growth_up": ("+{number}%", "增长{number}%"),
    "change.growth_down": ("−{number}%", "下降{number}%"),
    "period.quarterly": ("Q{quarter}", "{quarter}季度"),
    "period.half_yearly": ("H{half}", "{half:上半年|全年}"),
    "period.annual": ("year", "全年"),
    "period.month": ("m{month}", "{month}月"),
    "period.pending": ("{period}, pending", "{period}，待更新"),
    "period.pending_bare": ("pending", "待更新"),
    "report.gaps.lagging_missed": (
        "Not achieved, behind or at risk, worst first",
        "未完成、滞后或预警（由差到好）",
    ),
    "html.words.under_cap": ("under the cap", "低于上限"),
    "html.words.beyond": ("beyond the goal", "超过目标"),
    "html.words.vs_previous": ("{change} on last year", "比上年同期{change}"),
    "html.words.extras": (" ({parts})", "（{parts}）"),
    "html.gap_line_missed": (
        "{code} {name}: not achieved: {actual} against a goal of {goal} ({gap} short)",
        "{code} {name}：未完成，实际 {actual}，目标 {goal}（差 {gap}）",
    ),
    "number.points_not_rate": (
        "{text!r}: a rate is a growth in percent, not a change in percentage points",
        "“{text}”：增速按百分比填写，不是“个百分点”的变化",
    ),
    "number.points_not_rate.hint": (
        "type this year's rate itself, e.g. 5.2 or 下降2.6",
        "请填写本年的增速本身，如 5.2 或 下降2.6",
    ),
    "number.word_and_sign": (
        "{text!r}: {word} and a sign together are ambiguous",
        "“{text}”：“{word}”与正负号同时出现，含义不明",
    ),
    "number.word_and_sign.hint": (
        "write {word}2.6, or the signed number alone (-2.6)",
        "请写作“{word}2.6”，或只写带符号的数（-2.6）",
    ),
    "outcome.rate_up": ("up {value}", "增长{value}"),
    "outcome.rate_down": ("down {value}", "下降{value}"),
    "record.not_published": (
        "{code} is published {frequency}: {month} has no figure of its own",
        "{code} 按{frequency}发布：{month} 没有单独的数据",
    ),
    "record.not_published.hint": (
        "record it for one of the months {months}",
        "请录入到以下月份之一：{months}",
    ),
    "frequency.monthly": ("monthly", "月"),
    "frequency.quarterly": ("quarterly", "季度"),
    "frequency.half_yearly": ("half-yearly", "半年"),
    "frequency.annual": ("annually", "年"),
    "plan.frequency_mark": (", {frequency}", "，按{frequency}"),
    "plan.assumed_mark": (" (assumed)", "（假定）"),
    "plan.source_line": ("Source: {source}", "来源：{source}"),
    "plan.assumed_note": (
        "(assumed): the source does not say how the goal spreads over the year; "
        "the schedule is the plan writer's choice",
        "（假定）：来源文件未规定全年进度安排，此处为计划编写者的设定",
    ),
    "init.no_example": (
        "no example {name!r}; there is: {names}",
        "没有示例“{name}”；可用：{names}",
    ),
    "init.example_alone": (
        "--example writes the example as it is: without --from or --year",
        "--example 按原样写入示例，不能与 --from 或 --year 同用",
    ),
    "init.example_wrote": (
        "Wrote {path} and its data (the synthetic {name} example, 2024); try: gxtrack status",
        "已写入 {path} 及其数据（虚构的 {name} 示例，2024 年）；试试：gxtrack status",
    ),
    "column.change": ("vs last year", "比上年同期"),
    "column.attainment": ("% goal/room", "完成率/余量"),
    # ── plans as written, in outputs: gaps footer, workbooks, the report's 力争 mark ──
    "report.gaps.footer_missed": (
        "{missed} not achieved, {lagging} lagging, {missing} without data, "
        "{fine} on track or achieved",
        "未完成 {missed} 项，滞后或预警 {lagging} 项，无数据 {missing} 项，正常或已完成 {fine} 项",
    ),
    "field.frequency": ("Published", "发布频率"),
    "field.period": ("Period", "数据期"),
    "field.pending": ("Pending", "待更新"),
    "field.tolerance": ("Tolerance (about)", "容差（左右）"),
    "field.within_tolerance": ("Within tolerance", "在容差内"),
    "field.stretch_goal": ("Stretch value", "力争值"),
    "field.stretch_pct": ("% of stretch", "力争完成率"),
    "field.headroom": ("Room under cap", "距上限余量"),
    "field.previous": ("Same period last year", "上年同期"),
    "field.change_vs_previous": ("vs last year", "比上年同期"),
    "html.words.flat_no_data": ("no figure yet; the goal is {goal}", "暂无数据，目标 {goal}"),
    "html.words.level": (
        "{actual} against a goal of {goal}: {gap} {side}",
        "实际 {actual}，目标 {goal}，{side} {gap}",
    ),
    "html.words.points": (
        "{gap} percentage {gap:point|points}",
        "{gap} 个百分点",
    ),
    "html.gap_line_flat": (
        "{code} {name}: {actual} against a goal of {goal}, {gap} short",
        "{code} {name}：实际 {actual}，目标 {goal}，差 {gap}",
    ),
    "html.legend_stretch": (
        " The dashed mark with an open triangle is the stretch value (力争).",
        "虚线与空心三角为力争值。",
    ),
    # ── spreadsheet fields (workbook headers; template and import columns) ──────────────
    "field.code": ("Code", "代码"),
    "field.area": ("Area", "任务领域"),
    "field.name": ("Indicator", "指标名称"),
    "field.name_en": ("Indicator (English)", "英文名称"),
    "field.unit": ("Unit", "单位"),
    "field.kind": ("Kind", "类型"),
    "field.stretch": ("Stretch goal", "力争目标"),
    "field.goal": ("Annual goal", "全年目标"),
    "field.goal_text": ("Goal", "目标"),
    "field.comparator": ("Comparator", "比较方式"),
    "field.actual": ("Actual to date", "累计完成"),
    "field.latest_month": ("Latest month", "最新月份"),
    "field.expected": ("Expected to date", "序时进度"),
    "field.goal_pct": ("% of goal", "完成率"),
    "field.schedule_pct": ("% of schedule", "序时完成率"),
    "field.status": ("Status", "状态"),
    "field.baseline": ("Last year", "上年基数"),
    "field.baseline_note": ("Baseline note", "基数说明"),
    "field.shortfall_to_schedule": ("Short of schedule", "差序时"),
    "field.shortfall_to_goal": ("Short of goal", "差目标"),
    "field.gap_unit": ("Gap unit", "差距单位"),
    "field.months_remaining": ("Months left", "剩余月数"),
    "field.pace_needed": ("Monthly pace needed", "月均需完成"),
    "field.projection": ("Projected full year", "预计全年"),
    "field.month": ("Month", "月份"),
    "field.value": ("Value", "数值"),
    "field.basis": ("Basis", "口径"),
    "field.part": ("Month's own part", "当月数"),
    "basis.ytd": ("year to date", "累计"),
    "basis.month": ("month", "当月"),
    "field.undo": ("Undo", "撤回"),
    "field.note": ("Note", "备注"),
    "field.recorded_at": ("Recorded at", "录入时间"),
    "field.in_force": ("In force", "有效"),
    "field.state": ("State", "状态"),
    "field.position": ("Line", "序号"),
    "field.combine": ("Combine", "汇总方式"),
    "field.schedule": ("Schedule", "进度安排"),
    "field.seasonal_fractions": ("Seasonal fractions", "季节性比例"),
    "field.lead": ("Lead department", "牵头单位"),
    "field.last_value": ("Last value", "上次数值"),
    "field.last_month": ("Last month", "上次月份"),
    "field.reporting_unit": ("Reporting unit", "填报单位"),
    "sheet.status": ("Status", "进展情况"),
    "sheet.status_details": ("Status details", "进展情况（判定依据）"),
    "sheet.gaps": ("Gaps", "差距分析"),
    "sheet.actuals": ("Records", "全部记录"),
    "sheet.plan": ("Plan", "目标任务"),
    "sheet.template": ("Fill in", "填报"),
    "sheet.units": ("Units", "填报单位"),
    "sheet.matrix": ("Units by indicator", "各单位进展"),
    "sheet.rank": ("Ranking", "排名"),
    "export.all_needs_xlsx": (
        "`export all` writes a workbook: give an --output ending in .xlsx",
        "`export all` 生成工作簿：--output 须以 .xlsx 结尾",
    ),
    # ── template, import, the monthly session ───────────────────────────────────────────
    # ── the monthly session and the terminal ──
    "change.note": ("{line}  # {note}", "{line}  # {note}"),
    "change.not_done": ("not done", "未完成"),
    "doubt.over_goal": (
        "{code}: {value} in {month} alone is more than the whole year's goal ({goal})",
        "{code}：{month} 一个月 {value}，超过全年目标（{goal}）",
    ),
    "doubt.far_above": (
        "{code}: {value} in {month} is more than {times} times the largest monthly figure "
        "so far ({largest} in {largest_month})",
        "{code}：{month} 的 {value} 超过此前单月最大值"
        "（{largest_month} 的 {largest}）的 {times} 倍",
    ),
    # ── plausibility: year-to-date totals, parts below zero, rates far off ──
    "doubt.total_over_goal": (
        "{code}: the year-to-date total {value} up to {month} is more than twice the whole "
        "year's goal ({goal})",
        "{code}：截至 {month} 的累计数 {value} 超过全年目标（{goal}）的两倍",
    ),
    "doubt.negative_part": (
        "{code}: {month}'s own part would be {part} (a later year-to-date total smaller "
        "than an earlier one)",
        "{code}：{month} 的当月数将为 {part}（后一个累计数小于前一个累计数）",
    ),
    "doubt.rate_far_off": (
        "{code}: {value} in {month} is more than three times the goal's size ({goal}) and "
        "more than 10 points from it",
        "{code}：{month} 的 {value} 超过目标（{goal}）的三倍，且相差 10 个百分点以上",
    ),
    "doubt.waived": (
        "Recorded despite a doubt (--force): {reason}",
        "已按 --force 录入（疑点：{reason}）",
    ),
    "import.parts_disagree": (
        "{total_cell}: the year-to-date total {ytd_total} gives {part} for the month, but "
        "{month_cell} says {month_value}",
        "{total_cell}：累计数 {ytd_total} 折算当月为 {part}，但 {month_cell} 填的是 {month_value}",
    ),
    # ── months that would re-date the reports ──
    "redate.future": (
        "{month} is after this month ({today}): every report would then be as of {month}",
        "{month} 晚于本月（{today}）：录入后所有报表将截至 {month}",
    ),
    "redate.jump": (
        "{month} would move the latest month with figures from {latest} to {month} "
        "({months} months at once): every report would then be as of {month}",
        "{month} 会使有数据的最近月份从 {latest} 跳到 {month}（一次跳 {months} 个月）："
        "录入后所有报表将截至 {month}",
    ),
    "redate.session_ask": ("Enter figures for {month} anyway?", "仍要填报 {month} 吗？"),
    "doubt.refused": (
        "Not recorded: {count} {count:value looks|values look} wrong.",
        "未录入：{count} 个数值看起来有误。",
    ),
    "doubt.hint": (
        "Check the figure (an extra 0? 万 for 亿?); if it is right, run again with --force.",
        "请核对数值（多打了 0？单位弄错？）；确认无误的，加 --force 再运行。",
    ),
    "doubt.ask": (
        "Record {count:it|them} anyway?",
        "仍然录入这 {count} 个数值吗？",
    ),
    "doubt.declined": ("Nothing recorded.", "未录入任何数值。"),
    "draft.found": (
        "A draft of this month's entry holds {count} {count:answer|answers} "
        "({asked} of {total} {total:indicator|indicators} asked): {path}",
        "本月填报有一份草稿，含 {count} 项输入（{total} 项指标已问 {asked} 项）：{path}",
    ),
    "draft.resume": ("Resume it?", "是否接着填？"),
    "draft.resumed": (
        "Resumed: {count} {count:answer|answers} kept; asking the rest.",
        "已接着填：保留 {count} 项输入，继续询问其余指标。",
    ),
    "draft.kept": (
        "Nothing saved to the data file; {count} {count:answer|answers} kept in the draft "
        "{path}: the next session for {month} offers to resume it.",
        "未写入数据文件；{count} 项输入已留作草稿 {path}：下次填报 {month} 时可接着填。",
    ),
    "draft.unwritable": (
        "The draft could not be written ({reason}): answers live only in this session.",
        "无法写入草稿（{reason}）：已填内容只保存在本次会话中。",
    ),
    "plan.goal_from": (
        '{code}: goal_from = "{other}" names no other indicator of the plan',
        '{code}：goal_from = "{other}" 不是计划中的另一个指标',
    ),
    "plan.goal_from.hint": (
        "goal_from names the code of the indicator whose figure is the goal",
        "goal_from 须填写以其数值为目标的指标代码",
    ),
    "plan.entry_ytd": (
        'entry = "ytd" takes 1—N月累计 totals and records each month\'s part, which only a '
        'summed indicator has: use combine = "sum" (or "average" for a release\'s own '
        "1—N月平均), or leave entry out",
        'entry = "ytd" 表示按 1—N月累计数填报、记录各月的当月数，只适用于按月相加的指标：'
        '请用 combine = "sum"（发布的 1—N月平均数用 "average"），或删去 entry',
    ),
    "file.not_allowed": (
        '"{value}" is not allowed; use {allowed}',
        "不能填“{value}”，可填：{allowed}",
    ),
    "file.schedule_list": (
        ", or a list of 12 cumulative fractions [0.05, …, 1]",
        "，或 12 个累计比例的列表 [0.05, …, 1]",
    ),
    "file.expected.int": ("should be a whole number", "应为整数"),
    "file.expected.bool": ("should be true or false", "应为 true 或 false"),
    "file.expected.str": ('should be text in quotes ("…")', '应为带引号的文字（"…"）'),
    "file.expected.number": ("should be a number", "应为数字"),
    "file.expected.finite": ("should be a finite number", "应为有限的数字（不能是 nan 或 inf）"),
    "file.expected.list": ("should be a list [ … ]", "应为列表 [ … ]"),
    "file.expected.table": ("should be a table { … }", "应为表 { … }"),
    "file.expected.at_least": ("should be at least {limit}", "应不小于 {limit}"),
    "file.expected.above": ("should be more than {limit}", "应大于 {limit}"),
    "file.expected.at_most": ("should be at most {limit}", "应不大于 {limit}"),
    "file.expected.below": ("should be less than {limit}", "应小于 {limit}"),
    "session.doubt": ("  ↳ {reason}", "  ↳ {reason}"),
    "session.doubt.keep": ("Keep this figure?", "确定保留这个数值吗？"),
    "session.problem": (
        "  ↳ {message}; type it again, or Enter to skip",
        "  ↳ {message}；请重新输入，或按回车跳过",
    ),
    "session.discarded": (
        "Nothing saved: {count} {count:answer|answers} discarded.",
        "未保存：已放弃 {count} 项输入。",
    ),
    "session.milestone_done": (
        "[{index}/{count}] {code} {name} — done ({month}); not asked again (--all asks)",
        "[{index}/{count}] {code} {name} — 已完成（{month}），不再询问（--all 可询问）",
    ),
    "session.indicator_sum": (
        "[{index}/{count}] {code} {name} — goal {goal}, expected by now {expected}, "
        "total so far {total} (last {last})",
        "[{index}/{count}] {code} {name} — 全年目标 {goal}，序时进度 {expected}，"
        "累计已完成 {total}（上次 {last}）",
    ),
    "session.prompt_month": ("this month's new figure (本月新增)", "本月新增"),
    "session.prompt_milestone": (
        "done? (done, or Enter to skip)",
        "是否完成（填 done，或回车跳过）",
    ),
    "session.note_only": ("  (note only: no value)", "  （仅备注，无数值）"),
    "summary.area": ("Area {area}: {summary}", "第{area}领域：{summary}"),
    "summary.statuses": ("Shown ({statuses}): {summary}", "所选状态（{statuses}）：{summary}"),
    "summary.area_statuses": (
        "Area {area}, shown ({statuses}): {summary}",
        "第{area}领域，所选状态（{statuses}）：{summary}",
    ),
    # ── the launcher: Ctrl-C, encodings, arguments ──
    "launch.argument_not_utf8": (
        "argument {number} is not valid UTF-8 text: {text}",
        "第 {number} 个参数不是有效的 UTF-8 文本：{text}",
    ),
    "launch.option_not_utf8": (
        "the value of {option} is not valid UTF-8 text: {text}",
        "{option} 的值不是有效的 UTF-8 文本：{text}",
    ),
    "launch.argument_not_utf8.hint": (
        "the terminal or script that started gxtrack sends another encoding (such as GBK or "
        "Latin-1); switch it to UTF-8 (e.g. LANG=zh_CN.UTF-8) and type the text again",
        "启动 gxtrack 的终端或脚本使用了其他编码（如 GBK、Latin-1）；"
        "请改为 UTF-8（例如 LANG=zh_CN.UTF-8）后重新输入",
    ),
    "file.unicode_not_utf8": (
        "{where}: the file is {encoding} text, but gxtrack reads UTF-8",
        "{where}：文件是 {encoding} 编码，gxtrack 只读取 UTF-8",
    ),
    "file.unicode_not_utf8.hint": (
        "save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
        "请另存为 UTF-8（记事本：另存为，编码选 UTF-8）",
    ),
    "import.bad_bytes": (
        "{where}: byte {byte} is neither UTF-8 nor GBK text",
        "{where}：字节 {byte} 既不是 UTF-8 也不是 GBK 文本",
    ),
    "import.bad_bytes.hint": (
        "save the sheet again as “CSV UTF-8” in Excel or WPS, or type that cell again",
        "请在 Excel 或 WPS 中重新另存为“CSV UTF-8”，或重新输入该单元格",
    ),
    "import.broken_unicode": (
        "{where}: the file is {encoding} text, but it is cut short or damaged here",
        "{where}：文件是 {encoding} 编码，但在此处被截断或损坏",
    ),
    "import.cell_too_long": (
        "{where}: a cell is longer than {limit} characters",
        "{where}：单元格超过 {limit} 个字符",
    ),
    "import.cell_too_long.quote_hint": (
        'the quotation mark (") that opens this cell is not closed, so the rest of the file '
        "was read into it",
        '该单元格开头的引号（"）没有闭合，文件其余部分都被读进了这个单元格',
    ),
    "import.cell_too_long.hint": (
        "no value or note is that long; check the file",
        "数值和备注都不会这么长；请检查文件",
    ),
    "import.csv_error": (
        "{where}: cannot read the CSV: {reason}",
        "{where}：无法读取 CSV：{reason}",
    ),
    "template.wrote": (
        "Wrote {path}: {rows} {rows:indicator|indicators} to fill in for {month}.",
        "已写入 {path}：{month} 待填报指标 {rows} 项。",
    ),
    "template.wrote.stdout": (
        "Wrote to standard output: {rows} {rows:indicator|indicators} to fill in for {month}.",
        "已写入标准输出：{month} 待填报指标 {rows} 项。",
    ),
    "import.unknown_type": (
        "{path}: import reads .xlsx, .xls, .ods and .csv files",
        "{path}：只能导入 .xlsx、.xls、.ods 和 .csv 文件",
    ),
    "import.no_header": (
        "{path}: no header row naming the code and value columns in the first {rows} "
        "{rows:row|rows} of {sheets}",
        "{path}：{sheets} 的前 {rows} 行中找不到包含代码列和数值列的表头行",
    ),
    "import.rejected": (
        "{path}: {count} {count:row|rows} rejected; nothing was written:",
        "{path}：{count} 行有误；未写入任何内容：",
    ),
    "import.rejected.hint": ("correct those rows and import again", "请改正这些行后重新导入"),
    "import.summary": (
        "{add} to add, {correct} to correct, {same} unchanged, {skipped} empty{noted}",
        "新增 {add} 项，更正 {correct} 项，未变化 {same} 项，空白 {skipped} 行{noted}",
    ),
    # what a long command is doing, beside the progress spinner on a terminal
    "progress.reading": ("Reading {path}…", "正在读取 {path}…"),
    "progress.checking": ("Checking the rows of {path}…", "正在核对 {path} 的各行…"),
    "progress.recording": ("Checking and recording {path}…", "正在核对并录入 {path}…"),
    "progress.report_docx": ("Writing the Word report…", "正在生成 Word 报告…"),
    "progress.report_html": ("Writing the report…", "正在生成报告…"),
    "progress.db_load": ("Loading {path} into the database…", "正在把 {path} 载入数据库…"),
    # a county's book brought in: gxtrack's own actuals export, or its data file
    "import.export.taken": (
        "Read gxtrack's own actuals export (sheet {sheet}): {rows} {rows:record|records}; "
        "took the {taken} in force ({units}), left out {skipped} superseded, withdrawn or "
        "note-only.",
        "读取的是 gxtrack 导出的录入记录（工作表“{sheet}”）：共 {rows} 条；取有效的 {taken} 条"
        "（{units}），未取已更正、已撤回或仅备注的 {skipped} 条。",
    ),
    "import.book.taken": (
        "Read the data file {path}: took its {taken} {taken:value|values} and notes in force "
        "({units}).",
        "读取数据文件 {path}：取其中有效的数值和备注 {taken} 条（{units}）。",
    ),
    "import.book.unit_needed": (
        "{path}: a data file is merged for one unit: give --unit (the county whose book it is)",
        "{path}：合并数据文件须指明单位：请加 --unit（这份台账所属的县市区）",
    ),
    "import.book.foreign": (
        "{path}: {count} {count:row is|rows are} for another unit than {unit} or its parks; "
        "nothing imported",
        "{path}：有 {count} 行不属于 {unit} 及其园区；未导入任何内容",
    ),
    "import.book.twice": (
        "{path}: {count} {count:figure is|figures are} in the book twice for {unit}, once "
        "without a unit and once with it; nothing imported",
        "{path}：有 {count} 个数值在台账中对 {unit} 记了两次（一次未写单位，一次写了单位）；"
        "未导入任何内容",
    ),
    "import.dry_run": ("Dry run: nothing written.", "试运行：未写入任何内容。"),
    "import.done": ("Imported {path}.", "已导入 {path}。"),
    "import.line.add": ("  + {subject}: {value}", "  + {subject}：{value}"),
    "import.line.correct": (
        "  ~ {subject}: {previous} → {value}",
        "  ~ {subject}：{previous} → {value}",
    ),
    "session.heading": (
        "Monthly entry for {month}: {count} {count:indicator|indicators}. Enter a value, or "
        "press Enter to skip; < goes back one item. "
        "A note can follow after #. Ctrl-C leaves without saving; your answers wait in a "
        "draft.",
        "{month} 月度填报：共 {count} 项指标。输入数值，或按回车跳过；输入 < 返回上一项；"
        "# 后可写备注；Ctrl-C 退出且不保存，已填内容留作草稿。",
    ),
    "session.indicator": (
        "[{index}/{count}] {code} {name} — goal {goal}, expected by now {expected}, last {last}",
        "[{index}/{count}] {code} {name} — 全年目标 {goal}，序时进度 {expected}，上次 {last}",
    ),
    "session.prompt": ("value", "数值"),
    "session.prompt_ytd": ("year-to-date total (1—{month}月累计)", "1—{month}月累计数"),
    "session.nothing": ("Nothing entered; nothing saved.", "未输入任何数值；未保存。"),
    "session.summary": ("To save for {month}:", "待保存（{month}）："),
    "session.confirm": (
        "Save {count} {count:answer|answers}? (a code changes that answer)",
        "保存这 {count} 项？（输入代码可修改该项）",
    ),
    # ── the session: going back, changing an answer, keeping the draft ──
    "session.back_hint": (" (< back)", "（< 返回上一项）"),
    "session.back.first": (
        "  ↳ this is the first item: nothing to go back to",
        "  ↳ 这是第一项，无法再返回",
    ),
    "session.confirm.again": (
        "  ↳ answer y or n (是 or 否), or type the code of an answer to change it",
        "  ↳ 请回答 是 或 否（y/n），或输入要修改的指标代码",
    ),
    "session.discard.ask": (
        "Discard {count} {count:answer|answers} and delete the draft?",
        "放弃这 {count} 项输入并删除草稿吗？",
    ),
    "draft.kept_unsaved": (
        "Nothing saved; {count} {count:answer|answers} kept in the draft {path}: the next "
        "session for {month} offers to resume it.",
        "未保存；{count} 项输入已留作草稿 {path}：下次填报 {month} 时可接着填。",
    ),
    "ask.yes_or_no": ("  ↳ answer y or n (是 or 否)", "  ↳ 请回答 是 或 否（y/n）"),
    "session.cancelled": ("Nothing saved.", "未保存。"),
    "session.conflict": (
        "{subject}: someone else recorded {theirs} while you were typing; you entered {mine}.",
        "{subject}：在您填报期间，他人已录入 {theirs}；您输入的是 {mine}。",
    ),
    "session.conflict.ask": ("Replace their value with yours?", "用您的数值替换？"),
    "session.saved": ("Saved {count} {count:answer|answers}.", "已保存 {count} 项。"),
    "session.code_without_value": (
        "give both CODE and VALUE, or neither for the monthly entry session",
        "请同时给出 CODE 和 VALUE，或都不给以进入月度填报",
    ),
    # ── spreadsheets as departments send them back ──
    "state.note": ("note only", "仅备注"),
    "field.note_only": ("Note only", "仅备注"),
    "field.parent": ("Within", "所属单位"),
    "word.yes": ("yes", "是"),
    "word.no": ("no", "否"),
    "combine.sum": ("sum of months", "逐月累加"),
    "combine.last": ("latest year-to-date", "取最新累计"),
    "combine.average": ("mean of the months", "取各月平均"),
    "schedule.linear": ("even", "按月均衡"),
    "schedule.flat": ("flat", "全年持平"),
    "schedule.seasonal": ("seasonal", "按季节比例"),
    "schedule.due": ("due in month {month}", "{month}月到期"),
    "record.note_only_and_undo": (
        "a record is an undo or a note-only record, not both",
        "一条记录不能既是撤回又是仅备注记录",
    ),
    "record.note_only_with_value": (
        "a note-only record has no value (remove note_only = true to record the value)",
        "仅备注记录没有数值（要录入数值，请删去 note_only = true）",
    ),
    "record.note_only_without_note": (
        "a note-only record needs a note",
        "仅备注记录须有备注内容",
    ),
    "outcome.noted": (
        "Noted {subject}: “{note}” (a note without a value; no number changes).",
        "已记备注 {subject}：“{note}”（仅备注，无数值；不改变任何数字）。",
    ),
    "outcome.note_unchanged": (
        "Unchanged: {subject} already has the note “{note}”; nothing written.",
        "未变化：{subject} 已有备注“{note}”；未写入。",
    ),
    "import.summary.noted": (
        ", {noted} {noted:note|notes} without a value",
        "，仅备注 {noted} 项",
    ),
    "import.line.note": ("  ✎ {subject}: “{note}” (no value)", "  ✎ {subject}：“{note}”（仅备注）"),
    "import.reading": (
        "Reading sheet “{sheet}”, header in row {row}.",
        "读取工作表“{sheet}”，表头在第 {row} 行。",
    ),
    "import.ytd_header": (
        "The value column “{header}” holds year-to-date totals (累计): each month's part is "
        "recorded, as with --ytd.",
        "数值列“{header}”是累计数：按 --ytd 的方式录入各月的当月数。",
    ),
    "filetype.xlsx": ("an Excel workbook (.xlsx)", "Excel 工作簿（.xlsx）"),
    "filetype.xls": ("an Excel 97-2003 workbook (.xls)", "Excel 97-2003 工作簿（.xls）"),
    "filetype.ods": ("an OpenDocument spreadsheet (.ods)", "OpenDocument 电子表格（.ods）"),
    "filetype.csv": ("plain text (CSV)", "纯文本（CSV）"),
    "filetype.docx": ("a Word document (.docx)", "Word 文档（.docx）"),
    "filetype.odt": ("an OpenDocument text (.odt)", "OpenDocument 文本文档（.odt）"),
    "filetype.zip": ("a zip archive", "zip 压缩包"),
    "filetype.pdf": ("a PDF document", "PDF 文档"),
    "filetype.html": ("a web page (HTML)", "网页（HTML）"),
    "import.wrong_type": (
        "{path}: the file is {real}, not .{named} as its name says",
        "{path}：文件实际是{real}，不是文件名所示的 .{named}",
    ),
    "import.wrong_type.hint": (
        "open it in Excel or WPS and save it as .xlsx (or rename it to {suffix} if that is what "
        "it should be)",
        "请用 Excel 或 WPS 打开后另存为 .xlsx（若本应如此，也可将扩展名改为 {suffix}）",
    ),
    "import.broken_sheet": (
        "{path}: cannot be read as .{kind}: the file is damaged or incomplete",
        "{path}：无法作为 .{kind} 读取：文件已损坏或不完整",
    ),
    "import.too_many_rows": (
        "the sheet has content beyond row {limit}; a fill-in sheet is far smaller",
        "工作表第 {limit} 行以下仍有内容；填报表不会这么大",
    ),
    "import.no_such_sheet": (
        "{path}: no sheet named “{sheet}”; the sheets are {sheets}",
        "{path}：没有名为“{sheet}”的工作表；现有工作表：{sheets}",
    ),
    "import.many_sheets": (
        "{path}: several sheets look like fill-in sheets: {sheets}",
        "{path}：有多个工作表像是填报表：{sheets}",
    ),
    "import.many_sheets.hint": (
        "name the one to import: --sheet {sheet}",
        "请指定要导入的工作表：--sheet {sheet}",
    ),
    "import.no_header.hint": (
        "the header row names the code column (代码 or code) and the value column (数值, 本月数, "
        "7月数值, 1—7月累计 or value)",
        "表头行须有代码列（代码或 code）和数值列（数值、本月数、7月数值、1—7月累计或 value）",
    ),
    "import.conflict": (
        "{first} and {second}: two rows for {code} in the same month, {a} and {b}; keep one",
        "{first} 与 {second}：{code} 同一月份有两行，分别为 {a} 和 {b}；请只保留一行",
    ),
    "import.month_disagrees": (
        "{cell}: the header “{header}” names another month than --month {month}",
        "{cell}：表头“{header}”所示月份与 --month {month} 不一致",
    ),
    "import.no_month": (
        "sheet “{sheet}” has no month column and its header names no month",
        "工作表“{sheet}”没有月份列，表头也未注明月份",
    ),
    "import.no_month.hint": (
        "say which month the values are for: --month YYYY-MM",
        "请用 --month YYYY-MM 指明数值所属月份",
    ),
    "import.uncomputed": (
        "{cell}: a formula whose value was never computed; open and save it in Excel or WPS first",
        "{cell}：公式尚未计算出数值；请先用 Excel 或 WPS 打开并保存",
    ),
    "import.error_cell": (
        "{cell}: the cell shows an error ({error})",
        "{cell}：单元格显示错误（{error}）",
    ),
    "import.month_as_date": (
        "{cell}: month “{text}” is a date as the spreadsheet showed it; remove the month column "
        "and use --month YYYY-MM, or type months as 2024-07",
        "{cell}：月份“{text}”是表格软件显示的日期；请删去月份列并使用 --month YYYY-MM，"
        "或将月份写成 2024-07",
    ),
    # ── hidden and merged cells in an imported sheet ──
    "import.hidden_row": (
        "  ! {cell}: imported from hidden row {row} ({code})",
        "  ! {cell}：取自隐藏的第 {row} 行（{code}）",
    ),
    "import.hidden_column": (
        "  ! {cell}: column “{header}” is hidden; {count} {count:cell|cells} imported from it",
        "  ! {cell}：“{header}”列是隐藏列；已从中导入 {count} 个单元格",
    ),
    "import.merged_value": (
        "{range}: one value cell merged over the rows of {codes}; one figure cannot belong to "
        "two indicators: unmerge it and type each row's value",
        "{range}：一个数值单元格合并跨越了 {codes} 的行；一个数不能同时属于两个指标："
        "请取消合并，逐行填写数值",
    ),
    "import.too_many_merges": (
        "a sheet has more than {limit} merged ranges; a fill-in sheet has far fewer",
        "工作表的合并区域超过 {limit} 处；填报表不会这么多",
    ),
    # ── sheets as departments build them: codes, names, months, units, totals ──
    "import.value_is_date": (
        "{cell}: the cell is formatted as a date ({text}); format it as a number and type the "
        "figure again",
        "{cell}：该单元格设为了日期格式（{text}）；请改为数值格式后重新填写数值",
    ),
    "import.unknown_code": (
        "{cell}: no indicator {code} in the plan (codes: {codes} …)",
        "{cell}：计划中没有指标 {code}（指标代码：{codes} …）",
    ),
    "import.code_ambiguous": (
        "{cell}: the number {code} could be code {codes} (a spreadsheet drops a code's last "
        "zeros); type the code as text ('2.10) or add the indicator's name column",
        "{cell}：数值 {code} 可能是指标 {codes}（表格软件会去掉代码末尾的 0）；请将代码写成文本"
        "（'2.10）或加上指标名称列",
    ),
    "import.name_mismatch": (
        "{cell}: the name “{name}” is not that of {code} in {code_cell} (“{expected}”); is "
        "the row shifted?",
        "{cell}：名称“{name}”与 {code_cell} 中指标 {code} 的名称（“{expected}”）不符；是否错行？",
    ),
    "import.unknown_name": (
        "{cell}: no indicator is named “{name}”; nearest: {nearest}",
        "{cell}：没有名为“{name}”的指标；最接近的：{nearest}",
    ),
    "import.unknown_unit": (
        "{cell}: no reporting unit “{unit}”",
        "{cell}：没有填报单位“{unit}”",
    ),
    "import.bad_month_cell": (
        "{cell}: “{text}” is not a month (2024-07, 2024年7月, 7月, 202407)",
        "{cell}：“{text}”不是月份（应如 2024-07、2024年7月、7月、202407）",
    ),
    "import.month_number_ambiguous": (
        "{cell}: the number {text} could be {year}-01 or {year}-10 (a number cell drops "
        "2024.10's last 0); type the month as text, 2024-10",
        "{cell}：数值 {text} 可能是 {year}-01，也可能是 {year}-10（数值单元格会去掉 2024.10 "
        "末尾的 0）；请将月份写成文本，如 2024-10",
    ),
    "import.total_rows": (
        "  · totals rows skipped: {cells}",
        "  · 已跳过合计行：{cells}",
    ),
    "import.total_mismatch": (
        "  ! {cell}: the total {total} of {code} is not the sum of its rows ({sum}: {cells})",
        "  ! {cell}：{code} 的合计 {total} 与各行之和（{sum}：{cells}）不符",
    ),
    "import.no_month_column": (
        "{path}: no column for --month {month}; the sheet's months are {months}",
        "{path}：没有 --month {month} 对应的列；工作表中的月份：{months}",
    ),
    "import.sheet_without_unit": (
        "{path}: sheet “{sheet}” has a fill-in header but names no reporting unit, while "
        "{named} are named for units",
        "{path}：工作表“{sheet}”有填报表头，但其名称不是填报单位，而 {named} 是按单位命名的",
    ),
    "import.sheet_without_unit.hint": (
        "rename the sheet to its unit's name or code, or import it alone with --sheet and --unit",
        "请将工作表改名为其单位名称或代码，或用 --sheet 和 --unit 单独导入",
    ),
    "import.unit_disagrees": (
        "{cell}: unit “{unit}” is not {expected}, which the sheet or --unit names",
        "{cell}：单位“{unit}”与工作表名称或 --unit 所示的 {expected} 不一致",
    ),
    "import.reading_unit": (
        "Reading sheet “{sheet}” for {unit}, header in row {row}.",
        "读取工作表“{sheet}”（{unit}），表头在第 {row} 行。",
    ),
    "import.summary.where": (
        " — {months}{unit}",
        " — {months}{unit}",
    ),
    "import.no_header.read": (
        "looked for a code or name column ({code}) and a value or month column ({value}); "
        "read as {how}; the first non-empty row, {row}: {cells}",
        "查找的是代码或名称列（{code}）及数值或月份列（{value}）；按{how}读取；"
        "第一个非空行（第 {row} 行）：{cells}",
    ),
    "import.no_header.csv": (
        "CSV, separator “{separator}”, encoding {encoding}",
        "CSV，分隔符“{separator}”，编码 {encoding}",
    ),
    "import.no_header.book": ("a {kind} workbook", "{kind} 工作簿"),
    # ── the monthly report (HTML) ───────────────────────────────────────────────────────
    "html.kind": ("Monthly progress report", "月度进展通报"),
    "html.as_of": (
        "as of {month} · {number}/12 of the year ({percent}%)",
        "截至 {month} · 全年进度 {number}/12（{percent}%）",
    ),
    "html.summary": ("Summary", "总体情况"),
    "html.goals": ("goals", "项指标"),
    "html.by_area": ("By area", "分领域情况"),
    "html.area": ("Area", "任务领域"),
    "html.total": ("All", "合计"),
    "html.gaps": ("What lags, worst first", "滞后与预警指标"),
    "html.no_gaps": ("Nothing is behind or at risk.", "没有滞后或预警的指标。"),
    "html.notes": ("Notes recorded with the figures", "数据说明"),
    "html.no_notes": ("No notes.", "无。"),
    "html.quality": ("Data quality", "数据质量"),
    "html.legend": (
        "Bar: actual against the annual goal; the black mark is what the calendar expects "
        "by now (序时进度). Trend: actual to date by month (dots) beside the schedule (dashes).",
        "条形：实际完成与全年目标；黑色标记为序时进度。趋势图：逐月累计完成（圆点）与序时进度（虚线）。",
    ),
    "html.generated": (
        "Made by gxtrack {version} from {data}",
        "由 gxtrack {version} 根据 {data} 生成",
    ),
    "html.stretch": ("stretch", "力争"),
    "html.words.count": (
        "{actual} of {goal} done; {expected}{unit} expected by now",
        "完成 {actual}{unit}，目标 {goal}，序时进度 {expected}{unit}",
    ),
    "html.words.count_no_data": (
        "no figure yet; goal {goal}{unit}, {expected}{unit} expected by now",
        "暂无数据，目标 {goal}{unit}，序时进度 {expected}{unit}",
    ),
    "html.words.rate": (
        "{actual}% against a goal of {goal}: {gap} percentage {gap:point|points} {side}",
        "实际 {actual}%，目标 {goal}，{side} {gap} 个百分点",
    ),
    "html.words.short": ("short", "低于目标"),
    "html.words.over": ("over", "高于目标"),
    "html.words.done": ("done", "已完成"),
    "html.words.not_done": ("not done yet (due in month {month})", "尚未完成（{month} 月到期）"),
    "html.gap_line": (
        "{code} {name}: {actual} against {expected} expected ({gap} short); needs {pace} a month",
        "{code} {name}：完成 {actual}，序时进度 {expected}（差 {gap}）；月均需完成 {pace}",
    ),
    "html.gap_line_rate": (
        "{code} {name}: {actual}% against {goal}%, {gap} percentage {gap:point|points} short",
        "{code} {name}：实际 {actual}%，目标 {goal}%，差 {gap} 个百分点",
    ),
    "html.wrote": ("Wrote {path}", "已写入 {path}"),
    "html.units": ("Units against their own goals", "各单位分解目标完成情况"),
    "html.units_legend": (
        "✓ achieved  ● on track  ▲ at risk  ✖ behind  ○ no data  · figures without a goal",
        "✓ 已完成  ● 正常  ▲ 预警  ✖ 滞后  ○ 无数据  · 有数据无分解目标",
    ),
    # ── the monthly bulletin as a Word document ──
    "docx.needs_extra": (
        "{path}: writing a Word document needs python-docx and matplotlib, which are not installed",
        "{path}：生成 Word 文档需要 python-docx 和 matplotlib，当前未安装",
    ),
    "docx.needs_extra.hint": (
        "install them with: pip install 'gxtrack[docx]' (or write .html)",
        "请安装：pip install 'gxtrack[docx]'（或改写为 .html）",
    ),
    "docx.title": ("{plan}\nProgress bulletin", "{plan}\n进展情况通报"),
    "docx.unit_title": ("{plan} — {unit}", "{plan}（{unit}）"),
    "docx.period": ("{name} {year}", "（{year}年{name}）"),
    "docx.date_line": (
        "Issued {date} · figures to the end of {month}",
        "{date} · 数据截至{month}底",
    ),
    "docx.date": ("{day} {month} {year}", "{year}年{month}{day}日"),
    "docx.months": (
        "January February March April May June July August September October November December",
        "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月",
    ),
    "docx.page": ("{page}", "— {page} —"),
    "docx.h.summary": ("1. Overall", "一、总体情况"),
    "docx.h.table": ("2. Every indicator", "二、各项指标完成情况"),
    "docx.h.attention": ("3. Indicators needing attention", "三、需要关注的指标"),
    "docx.h.notes": ("4. Notes recorded with the figures", "四、数据说明"),
    "docx.summary": (
        "By the end of {name}, of {total} {total:goal|goals}, {parts}.",
        "截至{name}底，{total}项指标中，{parts}。",
    ),
    "docx.part": ("{count} {status}", "{status}{count}项"),
    "docx.last_separator": (" and ", "，"),
    "docx.full_stop": (".", "。"),
    "docx.count.achieved": ("achieved", "已完成"),
    "docx.count.on_track": ("on track", "序时推进"),
    "docx.count.at_risk": ("at risk", "预警"),
    "docx.count.behind": ("behind", "滞后"),
    "docx.count.missed": ("not achieved", "未完成"),
    "docx.count.no_data": ("without data yet", "暂无数据"),
    "docx.chart_caption": (
        "Figure 1. Goals in each area by status",
        "图1  各任务领域指标状态分布",
    ),
    "docx.chart_axis": ("Goals", "指标数（项）"),
    "docx.area_heading": ("1.{number} {name}", "（{number}）{name}"),
    "docx.area_summary": (
        "{total} {total:goal|goals}: {parts}.",
        "{total}项指标中，{parts}。",
    ),
    "docx.area_list": (" {status}: {items}.", "{status}的有：{items}。"),
    "docx.item": (
        "{name} ({period}{actual} against {expected} expected)",
        "{name}（{period}完成{actual}，序时进度{expected}）",
    ),
    "docx.item_rate": (
        "{name} ({period}{actual} against a goal of {goal})",
        "{name}（{period}实际{actual}，目标{goal}）",
    ),
    "docx.item_plain": ("{name}", "{name}"),
    "docx.table_caption": (
        "Table 1. Every indicator at the end of {name}",
        "表1  截至{name}底各项指标完成情况",
    ),
    # ── the Word chart's font ──
    "docx.no_cjk_font": (
        "gxtrack: no Chinese font found, so the chart shows the areas' codes; install one"
        " (Debian/Ubuntu: apt install fonts-noto-cjk; Windows and macOS have one) for names",
        "gxtrack：未找到中文字体，图表以领域代码代替名称；如需显示名称，请安装中文字体"
        "（Debian/Ubuntu：apt install fonts-noto-cjk；Windows 和 macOS 已自带）",
    ),
    # ── the Word table's cells ──
    "docx.figure_period": ("{figure} ({period})", "{figure}（{period}）"),
    "docx.not_done": ("not yet", "未完成"),
    "docx.attention_head": (
        "{number}. {code} {name} ({status}): ",
        "{number}. {name}（{code}，{status}）：",
    ),
    "docx.short_rate": (
        "{actual} against a goal of {goal}, {gap} percentage {gap:point|points} short.",
        "实际{actual}，目标{goal}，差{gap}个百分点。",
    ),
    "docx.short_milestone": ("not done yet, though due by now.", "已到期，尚未完成。"),
    "docx.short_count": (
        "{actual} done against {expected} expected by now, {gap} short",
        "完成{actual}，序时进度{expected}，差{gap}",
    ),
    "docx.pace": (
        "; reaching the goal of {goal} needs {pace} a month for the {left}"
        " {left:month|months} left",
        "；完成全年目标{goal}，剩余{left}个月须月均完成{pace}",
    ),
    "docx.baseline": (" In {year}: {value}.", "{year}年为{value}。"),
    "docx.baseline_last_year": (" Last year: {value}.", "上年为{value}。"),
    "docx.note": (
        "{month}, {code} {name}{unit}: {note}",
        "{month}，{name}（{code}）{unit}：{note}",
    ),
    "docx.note_unit": (" ({unit})", "（{unit}）"),
    # ── the bulletin words goals, caps, periods as the status table does ──
    "docx.item_cap": (
        "{name} ({period}{actual} against a goal of {goal}: {headroom})",
        "{name}（{period}实际{actual}，目标{goal}，{headroom}）",
    ),
    "docx.item_missed": (
        "{name} ({period}{actual} against a goal of {goal})",
        "{name}（{period}完成{actual}，全年目标{goal}）",
    ),
    "docx.item_no_data": ("{name} (goal {goal})", "{name}（目标{goal}）"),
    "docx.item_period": ("{name} ({period})", "{name}（{period}）"),
    "docx.within_part.on_track": (" ({count} within tolerance)", "（其中基本正常{count}项）"),
    "docx.within_part.achieved": (" ({count} within tolerance)", "（其中基本完成{count}项）"),
    "docx.pending": (
        " Judged on the figure before, the latest not in yet: {items}.",
        "最新一期数据尚未报送、按上一期评价的有：{items}。",
    ),
    "docx.short_cap": (
        "{actual} against a goal of {goal}, {gap} percentage {gap:point|points} over it.",
        "实际{actual}，目标{goal}，超出{gap}个百分点。",
    ),
    "docx.short_missed": (
        "{actual} done against a goal of {goal}, {gap} short.",
        "完成{actual}，全年目标{goal}，差{gap}。",
    ),
    # ── a new plan ──────────────────────────────────────────────────────────────────────
    "init.exists": (
        "{path} exists already; gxtrack does not overwrite a plan",
        "{path} 已存在；gxtrack 不会覆盖计划文件",
    ),
    "init.exists.hint": (
        "choose another folder, or move the file away first",
        "请换一个文件夹，或先移走该文件",
    ),
    "init.wrote": (
        "Wrote {path}: {indicators} {indicators:indicator|indicators} for {year}{baselines}.",
        "已写入 {path}：{year} 年 {indicators} 项指标{baselines}。",
    ),
    "init.baselines": (
        ", {count} {count:baseline|baselines} carried from {year}",
        "，{count} 项基数取自 {year} 年",
    ),
    "init.baseline_note": (
        "final actual of {year} (gxtrack init)",
        "{year} 年最终完成值（gxtrack init）",
    ),
    # ── help ──
    # Help texts, chosen by language when the commands are built (the launcher decides
    # the language first). "help.cmd.X" is the command's help, "help.cmd.X.short" its line
    # in the command list; "help.opt.X" an option's or argument's.
    "help.app": (
        "Follow a plan's annual numeric goals month by month, against the calendar "
        "(序时进度).\n\nRun `gxtrack COMMAND --help` for a command's options and examples.",
        "按月跟踪计划中各项年度数值目标，对照序时进度。\n\n"
        "运行 `gxtrack 命令 --help` 查看该命令的选项和示例。",
    ),
    "help.opt.targets": (
        "Plan file [default: ./targets.toml].",
        "计划文件［默认：./targets.toml］。",
    ),
    "help.opt.data": (
        "Data file, or a database URL postgresql://USER@HOST/DB "
        "[default: actuals.toml beside the plan].",
        "数据文件，或数据库地址 postgresql://用户@主机/库［默认：计划文件旁的 actuals.toml］。",
    ),
    "help.opt.lang": (
        "Interface language [default: from GXTRACK_LANG, else the locale].",
        "界面语言［默认：取 GXTRACK_LANG，否则取系统区域设置］。",
    ),
    "help.opt.as_of": (
        "Month to report on [default: the latest month with data].",
        "统计截至月份［默认：有数据的最近月份］。",
    ),
    "help.opt.month": ("The month the values belong to.", "数值所属月份。"),
    "help.opt.format": ("Output format.", "输出格式。"),
    "help.opt.area": ("Only this area.", "只看该领域。"),
    "help.opt.unit": (
        "A reporting unit (county, district, park): its own figures and goals.",
        "填报单位（县市区、园区）：按该单位自己的数值和目标。",
    ),
    "help.opt.code": ("Indicator code, e.g. 2.4.", "指标代码，例如 2.4。"),
    "help.opt.version": ("Show the version and exit.", "显示版本号并退出。"),
    "help.opt.debug": (
        "Show the full report of an internal error.",
        "内部错误时显示完整报告。",
    ),
    "help.opt.value": (
        "A number (-1.5 for a falling rate), or done for a milestone.",
        "数值（下降的增速写 -1.5），里程碑类写 done。",
    ),
    "help.opt.note": ("A note (情况说明).", "情况说明（备注）。"),
    "help.opt.ytd": (
        "Values are year-to-date totals (1—N月累计); record the month's part.",
        "所填为 1—N月累计数；记录当月新增部分。",
    ),
    "help.opt.all": (
        "Ask about every indicator, milestones already done too.",
        "逐项询问全部指标，包括已完成的里程碑。",
    ),
    "help.opt.force": (
        "Accept values that look implausible (one month over the annual goal, a total over "
        "twice it, a month's part below zero, five times the largest month so far, a rate "
        "far off its goal); the confirmation lists each doubt waived.",
        "接受看似不合理的数值（单月超过全年目标、累计超过其两倍、当月数为负、超过此前最大月度值"
        "的五倍、比率远离目标）；确认信息逐条列出被放行的疑点。",
    ),
    "help.opt.status": (
        "Only indicators in this status (repeatable): achieved, on_track, at_risk, behind, "
        "missed, no_data, or its Chinese word (滞后).",
        "只看该状态的指标（可重复）：已完成、正常、预警、滞后、未完成、无数据"
        "（或 behind 等英文）。",
    ),
    "help.opt.by": ("unit: a matrix of units x indicators.", "unit：单位 × 指标矩阵。"),
    "help.opt.strict": ("Also fail on at_risk.", "“有风险”也视为不通过。"),
    "help.opt.init_dir": ("Folder for the new plan.", "新计划所在文件夹。"),
    "help.opt.year": (
        "The plan year [default: the --from plan's next year, else this year].",
        "计划年度［默认：--from 计划的下一年，否则为今年］。",
    ),
    "help.opt.from": (
        "Carry this plan forward, with its final actuals as baselines.",
        "沿用该计划，并以其最终完成值作为基数。",
    ),
    "help.opt.db_plan_output": (
        "The file to write the book's plan to (default: show it).",
        "写入记录库计划的文件（默认：直接显示）。",
    ),
    "help.opt.template_output": (
        "A .xlsx or .csv file to write; - for stdout (CSV unless --format xlsx).",
        "要写入的 .xlsx 或 .csv 文件；- 表示标准输出（默认 CSV，除非 --format xlsx）。",
    ),
    "help.opt.template_format": (
        "csv or xlsx [default: from the --output extension; csv for -].",
        "csv 或 xlsx［默认：按 --output 的扩展名；- 时为 csv］。",
    ),
    "help.opt.import_file": (
        "A filled-in .xlsx, .xls, .ods or .csv.",
        "已填好的 .xlsx、.xls、.ods 或 .csv 文件。",
    ),
    "help.opt.dry_run": (
        "Show what would change; write nothing.",
        "只显示将会发生的变化，不写入。",
    ),
    "help.opt.import_unit": (
        "The reporting unit the file is for, by code or name (祁阳, 江华县): a sheet, a "
        "county's data file (.toml) or its actuals export; a workbook of sheets named for "
        "units needs none.",
        "文件所属的填报单位，可写代码或名称（祁阳、江华县）：填报表、县市区的数据文件（.toml）"
        "或其导出的录入记录均可；按单位命名工作表的工作簿无需指定。",
    ),
    "help.opt.import_month": (
        "The month of rows that have no month column.",
        "没有月份列的行所属的月份。",
    ),
    "help.opt.import_ytd": (
        "Values are year-to-date totals (1—N月累计); record each month's part.",
        "所填为 1—N月累计数；记录每月新增部分。",
    ),
    "help.opt.export_what": (
        "The report to export (all: xlsx only).",
        "要导出的报表（all 只能导出为 xlsx）。",
    ),
    "help.opt.export_output": (
        "A .csv or .xlsx file to write; - for CSV on stdout; for actuals also a .toml data "
        "file (records moved out of a database).",
        "要写入的 .csv 或 .xlsx 文件；- 表示以 CSV 输出到标准输出；导出 actuals 时也可为 .tom"
        "l 数据文件（把记录从数据库中移出）。",
    ),
    "help.opt.bom": (
        "Start CSV with a UTF-8 BOM so Excel reads Chinese correctly.",
        "CSV 以 UTF-8 BOM 开头，使 Excel 正确读取中文。",
    ),
    "help.opt.report_output": (
        "The file to write: .html (or - for HTML on stdout), or .docx for Word.",
        "要写入的文件：.html（- 表示以 HTML 输出到标准输出），或 Word 的 .docx。",
    ),
    "help.cmd.record.short": (
        "Record a month's value, or enter a whole month.",
        "录入某月数值，或逐项填报整月。",
    ),
    "help.cmd.record": (
        "Record one month's value; a second value for the same month is a correction.\n\n"
        "With no CODE and VALUE, walks through every indicator (or one --area) for the "
        "month: Enter skips, a note follows after # (a note alone is kept too), and nothing "
        "is saved before you confirm. A milestone already done is not asked again (--all "
        "asks everything).\n\n"
        "Examples:\n\n"
        "  gxtrack record 2.4 55 --month 2024-06\n\n"
        "  gxtrack record 5.2 2,610 --month 2024-06 --ytd\n\n"
        '  gxtrack record 1.1 -1.5 --month 2024-02 --note "春节因素"\n\n'
        "  gxtrack record 7.1 done --month 2024-05\n\n"
        "  gxtrack record --month 2024-06 --area 5\n\n"
        "  gxtrack record 3.4 1 --month 2024-12 --unit qiyang",
        "录入某月数值；同一月份再次录入即为更正。\n\n"
        "不给 CODE 和 VALUE 时，逐项询问该月全部指标（或某一 --area）：回车跳过，"
        "# 后写备注（只有备注也会保存），确认之前不保存任何内容。"
        "已完成的里程碑不再询问（--all 全部询问）。\n\n"
        "示例：\n\n"
        "  gxtrack record 2.4 55 --month 2024-06\n\n"
        "  gxtrack record 5.2 2,610 --month 2024-06 --ytd\n\n"
        '  gxtrack record 1.1 -1.5 --month 2024-02 --note "春节因素"\n\n'
        "  gxtrack record 7.1 done --month 2024-05\n\n"
        "  gxtrack record --month 2024-06 --area 5\n\n"
        "  gxtrack record 3.4 1 --month 2024-12 --unit qiyang",
    ),
    "help.cmd.undo.short": (
        "Withdraw a month's value; the one before counts again.",
        "撤销某月数值，恢复此前的数值。",
    ),
    "help.cmd.undo": (
        "Withdraw the value in force for a month; the value before it counts again.\n\n"
        "Nothing is deleted: an undo record is appended, and `history` shows both.\n\n"
        "Example: gxtrack undo 2.4 --month 2024-06",
        "撤销某月现行数值，此前的数值重新生效。\n\n"
        "不删除任何记录：追加一条撤销记录，`history` 中两条都可见。\n\n"
        "示例：gxtrack undo 2.4 --month 2024-06",
    ),
    "help.cmd.template.short": (
        "Write a month's fill-in sheet for the departments.",
        "生成某月的填报表，发给各报送单位。",
    ),
    "help.cmd.template": (
        "Write a fill-in sheet for a month, to send to the departments that report.\n\n"
        "One row per indicator with its goal, last value and expected to date, and empty "
        "value and note columns; headers in the interface language. `gxtrack import` reads "
        "it back.\n\n"
        "Examples:\n\n"
        "  gxtrack template --month 2024-06 --output 填报-2024-06.xlsx --lang zh\n\n"
        "  gxtrack template --month 2024-06 --output - --format xlsx > 填报-2024-06.xlsx",
        "生成某月的填报表，发给各报送单位。\n\n"
        "每项指标一行，含全年目标、上次数值和序时进度，数值和备注两列留空；表头使用界面语言。"
        "`gxtrack import` 可读回。\n\n"
        "示例：\n\n"
        "  gxtrack template --month 2024-06 --output 填报-2024-06.xlsx --lang zh\n\n"
        "  gxtrack template --month 2024-06 --output - --format xlsx > 填报-2024-06.xlsx",
    ),
    "help.cmd.import.short": (
        "Record a filled-in sheet: all rows or none.",
        "导入填好的报表：全部成功或全部不写入。",
    ),
    "help.cmd.import": (
        "Record the values of a filled-in sheet: every row checked first, then all or none.\n"
        "\n"
        "Reads .xlsx, .xls, .ods, and .csv in UTF-8 (with or without BOM) or GB18030/GBK. "
        "The header row is found by its words (代码/code with 数值, 本月数, 7月数值, 1—7月累"
        "计 …, or value), under any title rows; 累计 means year-to-date totals, as --ytd. A r"
        "ow with a note and no value keeps the note for the month. Importing the same file "
        "twice changes nothing the second time.\n"
        "\n"
        "Examples:\n"
        "\n"
        "  gxtrack import 填报-2024-06.xlsx --dry-run\n"
        "\n"
        "  gxtrack import 2024-06.csv --month 2024-06\n"
        "\n"
        "  gxtrack import 各县区.xlsx --sheet 祁阳",
        "导入填好的报表：先逐行检查，然后全部写入或全部不写入。\n"
        "\n"
        "读取 .xlsx、.xls、.ods，以及 UTF-8（带或不带 BOM）或 GB18030/GBK 编码的 .csv。表头行"
        "按其中的词识别（代码/code 与 数值、本月数、7月数值、1—7月累计……或 value），可位于任"
        "意标题行之下；“累计”表示年初至今的累计数，同 --ytd。只有备注没有数值的行，保留为该月"
        "的备注。同一文件导入两次，第二次不改变任何内容。\n"
        "\n"
        "示例：\n"
        "\n"
        "  gxtrack import 填报-2024-06.xlsx --dry-run\n"
        "\n"
        "  gxtrack import 2024-06.csv --month 2024-06\n"
        "\n"
        "  gxtrack import 各县区.xlsx --sheet 祁阳",
    ),
    "help.cmd.validate.short": (
        "Check the plan file and the data file.",
        "检查计划文件和数据文件。",
    ),
    "help.cmd.validate": (
        "Check the plan file and the data file; the first problem is shown with its line.\n\n"
        "Example: gxtrack validate --targets plans/2024/targets.toml",
        "检查计划文件和数据文件；发现的第一个问题连同所在行一并显示。\n\n"
        "示例：gxtrack validate --targets plans/2024/targets.toml",
    ),
    "help.cmd.init.short": (
        "Write a new plan: a starter, or next year's from this one.",
        "新建计划：入门模板，或由本年计划生成下一年。",
    ),
    "help.cmd.init": (
        "Write a new plan into DIR: a documented starter, next year's plan from this one, or "
        "a bundled example (--example city: a city government work report's main targets).\n"
        "\n"
        "With --from, every area and indicator is kept, and each indicator's final actual of "
        "the old year (from its data file, or --data) becomes the new baseline. The new plan "
        "passes `gxtrack validate`; an existing targets.toml is never overwritten.\n"
        "\n"
        "Examples:\n"
        "\n"
        "  gxtrack init plans/2025 --from targets.toml\n"
        "\n"
        "  gxtrack init my-plan --year 2025\n"
        "\n"
        "  gxtrack init city --example city",
        "在 DIR 中新建计划：带说明的入门模板、由本计划生成的下一年计划，或自带的示例（--examp"
        "le city：某市政府工作报告的主要目标）。\n"
        "\n"
        "使用 --from 时，保留全部领域和指标，每项指标上一年的最终完成值（取自其数据文件或 --d"
        "ata）成为新的基数。新计划可通过 `gxtrack validate`；已有的 targets.toml 绝不覆盖。\n"
        "\n"
        "示例：\n"
        "\n"
        "  gxtrack init plans/2025 --from targets.toml\n"
        "\n"
        "  gxtrack init my-plan --year 2025\n"
        "\n"
        "  gxtrack init city --example city",
    ),
    "help.cmd.status.short": (
        "Where every goal stands against the calendar.",
        "各项目标对照序时进度的完成情况。",
    ),
    "help.cmd.status": (
        "Where every goal stands against the calendar, grouped by area.\n\n"
        "Examples:\n\n"
        "  gxtrack status --as-of 2024-06 --area 2\n\n"
        "  gxtrack status --status behind --status at_risk --lang zh\n\n"
        "  gxtrack status --unit qiyang\n\n"
        "  gxtrack status --by unit",
        "各项目标对照序时进度的完成情况，按领域分组。\n\n"
        "示例：\n\n"
        "  gxtrack status --as-of 2024-06 --area 2\n\n"
        "  gxtrack status --status behind --status at_risk --lang zh\n\n"
        "  gxtrack status --unit qiyang\n\n"
        "  gxtrack status --by unit",
    ),
    "help.cmd.gaps.short": ("What lags, worst first.", "滞后指标，最差的在前。"),
    "help.cmd.gaps": (
        "What lags, worst first: shortfall, monthly pace needed, year-end projection.\n\n"
        "Examples:\n\n"
        "  gxtrack gaps --as-of 2024-06 --format csv\n\n"
        "  gxtrack gaps --unit jianghua",
        "滞后指标，最差的在前：差距、此后每月所需进度、年末预计。\n\n"
        "示例：\n\n"
        "  gxtrack gaps --as-of 2024-06 --format csv\n\n"
        "  gxtrack gaps --unit jianghua",
    ),
    "help.cmd.check.short": (
        "Exit 1 when any goal is behind; print nothing.",
        "有目标滞后时以退出码 1 结束；不输出内容。",
    ),
    "help.cmd.check": (
        "Exit 1 when any goal is behind or missed (with --strict, also at risk); print "
        "nothing.\n"
        "\n"
        "For cron jobs and reporting pipelines. Example:\n"
        "\n"
        '  gxtrack check --strict || mail -s "goals lagging" office@example.org < /dev/null',
        "有目标滞后或未完成时（加 --strict 时有风险也算）以退出码 1 结束；不输出内容。\n"
        "\n"
        "用于定时任务和报送流程。示例：\n"
        "\n"
        '  gxtrack check --strict || mail -s "goals lagging" office@example.org < /dev/null',
    ),
    "help.cmd.plan.short": (
        "The plan's indicators and their goals, by area.",
        "计划的指标及目标，按领域列出。",
    ),
    "help.cmd.plan": (
        "The plan's indicators and their goals, by area.\n\nExample: gxtrack plan --format json",
        "计划的指标及目标，按领域列出。\n\n示例：gxtrack plan --format json",
    ),
    "help.cmd.history.short": (
        "Every recorded value of one indicator.",
        "某项指标的全部录入记录。",
    ),
    "help.cmd.history": (
        "Every recorded value of one indicator, corrections included, with a sparkline.\n\n"
        "Example: gxtrack history 2.4",
        "某项指标的全部录入记录（含更正），附走势小图。\n\n示例：gxtrack history 2.4",
    ),
    "help.cmd.export.short": (
        "Write reports for Excel and WPS: CSV or a workbook.",
        "导出报表供 Excel 和 WPS 使用：CSV 或工作簿。",
    ),
    "help.cmd.export": (
        "Write reports for Excel and WPS: CSV, or a workbook with a sheet per report.\n"
        "\n"
        "CSV columns are the JSON keys (or, with --headers zh, Chinese headers and words), "
        "numbers plain, formulas defused. A workbook has headers and words in the interface "
        "language, a frozen header row, number formats, status colours and an A4 print "
        "setup.\n"
        "\n"
        "Examples:\n"
        "\n"
        "  gxtrack export status --as-of 2024-06 --output status-2024-06.csv\n"
        "\n"
        "  gxtrack export all --output 2024-06.xlsx --lang zh\n"
        "\n"
        "  gxtrack export actuals --output - --no-bom | head\n"
        "\n"
        "  gxtrack export gaps --output 差距-2024-06.csv --headers zh",
        "导出报表供 Excel 和 WPS 使用：CSV，或每张报表一个工作表的工作簿。\n"
        "\n"
        "CSV 的列名即 JSON 键名（加 --headers zh 时为中文表头和用词），数字不带格式，公式已消"
        "除。工作簿的表头和用词使用界面语言，冻结表头行，带数字格式、状态颜色和 A4 打印设置。"
        "\n"
        "\n"
        "示例：\n"
        "\n"
        "  gxtrack export status --as-of 2024-06 --output status-2024-06.csv\n"
        "\n"
        "  gxtrack export all --output 2024-06.xlsx --lang zh\n"
        "\n"
        "  gxtrack export actuals --output - --no-bom | head\n"
        "\n"
        "  gxtrack export gaps --output 差距-2024-06.csv --headers zh",
    ),
    "help.cmd.report.short": (
        "Write the monthly progress report (月度进展通报): HTML or Word.",
        "生成月度进展通报：HTML 或 Word。",
    ),
    "help.cmd.report": (
        "Write the monthly progress report (月度进展通报) as HTML, or as a Word 通报.\n"
        "\n"
        "HTML: one self-contained file; charts are inline SVG, no network or script is "
        "needed to read it, and it prints on A4. A .docx file: the bulletin the office edits "
        "and sends (A4, official-document fonts, a table of every indicator, a chart).\n"
        "\n"
        "With --unit, one county's (or park's) report against its own goals.\n"
        "\n"
        "Examples:\n"
        "\n"
        "  gxtrack report --as-of 2024-06 --output 2024-06.html --lang zh\n"
        "\n"
        "  gxtrack report --as-of 2024-06 --output 2024-06.docx --lang zh\n"
        "\n"
        "  gxtrack report --unit qiyang --output 祁阳-2024-06.html --lang zh",
        "生成月度进展通报：HTML，或 Word 格式的通报。\n"
        "\n"
        "HTML：一个独立的文件；图表为内嵌 SVG，阅读时无需联网或脚本，可按 A4 打印。.docx 文件"
        "：供办公室修改后印发的通报（A4、公文字体、全部指标一览表、一张图表）。\n"
        "\n"
        "使用 --unit 时，生成某县市区（或园区）对照其自身目标的通报。\n"
        "\n"
        "示例：\n"
        "\n"
        "  gxtrack report --as-of 2024-06 --output 2024-06.html --lang zh\n"
        "\n"
        "  gxtrack report --as-of 2024-06 --output 2024-06.docx --lang zh\n"
        "\n"
        "  gxtrack report --unit qiyang --output 祁阳-2024-06.html --lang zh",
    ),
    "help.cmd.units.short": (
        "The plan's reporting units.",
        "计划的填报单位。",
    ),
    "help.cmd.units": (
        "The plan's reporting units: counties, districts, parks, departments.\n\n"
        "Example: gxtrack units --lang zh",
        "计划的填报单位：县市区、园区、部门。\n\n示例：gxtrack units --lang zh",
    ),
    "help.cmd.rank.short": (
        "Units ranked for one indicator (排名).",
        "各单位某项指标排名。",
    ),
    "help.cmd.rank": (
        "Units ranked for one indicator (排名): by % of their own schedule, else by actual.\n\n"
        "Example: gxtrack rank 2.4 --as-of 2024-06",
        "各单位某项指标排名：按各自序时完成率，没有时按完成值。\n\n"
        "示例：gxtrack rank 2.4 --as-of 2024-06",
    ),
    # Typer's own words (help headings, the usage line, usage errors), written from the
    # commands' and errors' public attributes (`cli/helptext.py`); {name} parts are the
    # option, value or command as typed.
    "usage.prefix": ("Usage: ", "用法："),
    "usage.options_metavar": ("[OPTIONS]", "[选项]"),
    "usage.command_metavar": ("COMMAND [ARGS]...", "命令 [参数]..."),
    "usage.range": ("{low}<=x<={high}", "{low} 至 {high}"),
    "usage.notes": ("[{notes}]", "［{notes}］"),
    "usage.notes_separator": ("; ", "］［"),
    "usage.one_of": ("should be one of {choices}", "应为 {choices} 之一"),
    "usage.within": (
        "should be a whole number from {low} to {high}",
        "应为 {low} 至 {high} 之间的整数",
    ),
    "metavar.code": ("CODE", "代码"),
    "metavar.value": ("VALUE", "数值"),
    "metavar.file": ("FILE", "文件"),
    "metavar.dir": ("DIR", "文件夹"),
    "metavar.role": ("ROLE", "角色"),
    "metavar.name": ("NAME", "名称"),
    "metavar.targets": ("TARGETS", "计划文件"),
    "metavar.file|url": ("FILE|URL", "文件|地址"),
    "metavar.what": ("WHAT", "报表"),
    "metavar.str": ("str", "文本"),
    "metavar.path": ("path", "路径"),
    "metavar.int": ("int", "整数"),
    "completion.installed": (
        "{shell} completion installed in {path}",
        "已为 {shell} 安装命令补全：{path}",
    ),
    "completion.restart": (
        "Completion will take effect once you restart the terminal",
        "重新打开终端后补全即可使用",
    ),
    "usage.env_var": ("env var: {name}", "环境变量：{name}"),
    "usage.options": ("Options:", "选项："),
    "usage.arguments": ("Arguments:", "参数："),
    "usage.commands": ("Commands:", "命令："),
    "usage.default": ("default: {value}", "默认：{value}"),
    "usage.required": ("required", "必填"),
    "usage.help": ("Show this message and exit.", "显示本帮助并退出。"),
    "usage.install_completion": (
        "Install completion for the current shell.",
        "为当前 shell 安装命令补全。",
    ),
    "usage.show_completion": (
        "Show completion for the current shell, to copy it or customize the installation.",
        "显示当前 shell 的补全脚本，以便复制或自行安装。",
    ),
    "usage.try": ("Try '{command}' for help.", "运行 '{command}' 查看帮助。"),
    "usage.error": ("Error: {message}", "错误：{message}"),
    "usage.aborted": ("Aborted!", "已中止。"),
    "usage.no_such_option": ("No such option: {name}", "没有选项：{name}"),
    "usage.possible": (
        "{message} (Possible options: {names})",
        "{message}（可能想输入：{names}）",
    ),
    "usage.no_such_command": ("No such command {name}.", "没有命令 {name}。"),
    "usage.missing_argument": ("Missing argument {name}.", "缺少参数 {name}。"),
    "usage.missing_argument_choose": (
        "Missing argument {name}. Choose from:{choices}",
        "缺少参数 {name}。可选：{choices}",
    ),
    "usage.missing_option": ("Missing option {name}.", "缺少选项 {name}。"),
    "usage.requires_argument": (
        "Option {name} requires an argument.",
        "选项 {name} 需要一个值。",
    ),
    "usage.takes_no_value": ("Option {name} does not take a value.", "选项 {name} 不接受值。"),
    "usage.extra_arguments": (
        "Got unexpected extra argument(s) ({args})",
        "多余的参数（{args}）",
    ),
    "usage.invalid_value_for": (
        "Invalid value for {name}: {message}",
        "{name} 的值无效：{message}",
    ),
    "usage.not_integer": (
        "Input should be a valid integer, unable to parse string as an integer",
        "应为整数",
    ),
    # help: db, --headers, --sheet, --example
    "help.opt.headers": (
        "CSV headers: keys (the JSON keys, for programs), or zh/en (headers, statuses "
        "and yes/no in that language, for people).",
        "CSV 表头：keys（JSON 键名，供程序读取），"
        "或 zh/en（该语言的表头、状态和是/否，供人阅读）。",
    ),
    "help.opt.sheet": (
        "The sheet to read, when several look like fill-ins.",
        "要读取的工作表（有多个像填报表的工作表时）。",
    ),
    "help.opt.example": (
        "Start from a bundled example with a year of data: city.",
        "从自带的示例开始（含一年的数据）：city。",
    ),
    "help.opt.role": (
        "A database role (login), e.g. qiyang_clerk.",
        "数据库角色（登录名），例如 qiyang_clerk。",
    ),
    "help.opt.db_file": ("A data file (actuals.toml).", "数据文件（actuals.toml）。"),
    "help.opt.grant_unit": (
        "The unit (county, park) it records for.",
        "该角色填报的单位（县市区、园区）。",
    ),
    "help.opt.grant_city": (
        "It records for the city and every unit.",
        "该角色为全市及所有单位填报。",
    ),
    "help.cmd.cache.short": ("The cache folder: clear it.", "缓存文件夹：清空。"),
    "help.cmd.cache.clear.short": ("Empty the cache.", "清空缓存。"),
    "help.cmd.db.short": (
        "Keep the records in a PostgreSQL database.",
        "把记录保存在 PostgreSQL 数据库中。",
    ),
    "help.cmd.db": (
        "Keep the records in a PostgreSQL database, shared by a whole bureau.",
        "把记录保存在 PostgreSQL 数据库中，供整个部门共用。",
    ),
    "help.cmd.db.check.short": (
        "Show how safe the shared record book is (exit 1 when unsafe).",
        "检查共用记录库是否安全（不安全时退出码为 1）。",
    ),
    "help.cmd.db.check": (
        "Show how safe the record book is: row-level security, policies, functions'"
        " search_path, who may create in a schema on the path, each role's grants.\n\n"
        "Exits 1 when any of it is unsafe, 0 when all is safe.\n\n"
        "Example: gxtrack db check --data postgresql://bureau@db/gx2024",
        "检查记录库是否安全：行级安全、策略、函数的 search_path、谁能在搜索路径上的模式中"
        "创建对象、各角色的权限。\n\n任何一项不安全时退出码为 1，全部安全时为 0。\n\n"
        "示例：gxtrack db check --data postgresql://bureau@db/gx2024",
    ),
    "help.cmd.db.plan.short": (
        "Write out the plan the record book keeps.",
        "导出记录库保存的计划。",
    ),
    "help.cmd.db.plan": (
        "Write out the plan the record book keeps, so that every client records with the"
        " same plan.\n\nExample: gxtrack db plan --output targets.toml --data"
        " postgresql://clerk@db/gx2024",
        "导出记录库保存的计划，使各客户端使用同一份计划录入。\n\n示例：gxtrack db plan"
        " --output targets.toml --data postgresql://clerk@db/gx2024",
    ),
    "help.cmd.db.init.short": (
        "Create the records table for the plan's year.",
        "为计划年度建立记录表。",
    ),
    "help.cmd.db.init": (
        "Create the records table for the plan's year (running it again changes nothing).\n\n"
        "Example: gxtrack db init --data postgresql://bureau@db.example/gxtrack2024",
        "为计划年度建立记录表（再次运行不改变任何内容）。\n\n"
        "示例：gxtrack db init --data postgresql://bureau@db.example/gxtrack2024",
    ),
    "help.cmd.db.load.short": (
        "Put a data file's records into a new database.",
        "把数据文件的记录导入新数据库。",
    ),
    "help.cmd.db.load": (
        "Put a data file's records into a new database, in their order, all or none.\n\n"
        "`gxtrack export actuals --output actuals.toml` moves them back.\n\n"
        "Example: gxtrack db load actuals.toml --data postgresql://bureau@db.example/gxtrack2024",
        "把数据文件的记录按原顺序导入新数据库，全部导入或全部不导入。\n\n"
        "`gxtrack export actuals --output actuals.toml` 可把记录移回文件。\n\n"
        "示例：gxtrack db load actuals.toml --data postgresql://bureau@db.example/gxtrack2024",
    ),
    "help.cmd.db.grant.short": (
        "Let a role record for one unit, or the city.",
        "允许某角色为一个单位或全市填报。",
    ),
    "help.cmd.db.grant": (
        "Let a role read every record and record for one unit (and its parks), or the city.\n\n"
        "Examples:\n\n"
        "  gxtrack db grant qiyang_clerk --unit qiyang --data postgresql://bureau@db/gx2024\n\n"
        "  gxtrack db grant planning --city --data postgresql://bureau@db/gx2024",
        "允许某角色读取全部记录，并为一个单位（及其园区）或全市填报。\n\n"
        "示例：\n\n"
        "  gxtrack db grant qiyang_clerk --unit qiyang --data postgresql://bureau@db/gx2024\n\n"
        "  gxtrack db grant planning --city --data postgresql://bureau@db/gx2024",
    ),
    "help.cmd.db.revoke.short": ("Take a role's grant away.", "撤销某角色的授权。"),
    "help.cmd.db.revoke": (
        "Take a role's grant away: it no longer reads or records.\n\n"
        "Example: gxtrack db revoke qiyang_clerk --data postgresql://bureau@db/gx2024",
        "撤销某角色的授权：它不再能读取或填报。\n\n"
        "示例：gxtrack db revoke qiyang_clerk --data postgresql://bureau@db/gx2024",
    ),
    "help.cmd.db.grants.short": ("List the roles granted.", "列出已授权的角色。"),
    "help.cmd.db.grants": (
        "List the roles granted and the units they record for.\n\n"
        "Example: gxtrack db grants --data postgresql://bureau@db/gx2024",
        "列出已授权的角色及其填报的单位。\n\n"
        "示例：gxtrack db grants --data postgresql://bureau@db/gx2024",
    ),
}
