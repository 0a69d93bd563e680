extension Messages {
    /// Help texts: `plancheck --help`, `plancheck help CMD`, `CMD -h` and the usage line under a
    /// usage error. Per command `help.CMD.abstract`, `help.CMD.usage`, `help.CMD.discussion` (its
    /// last part is the examples: the first one is run by a test, in both languages); per option
    /// `help.opt.NAME`, or `help.CMD.opt.NAME` where a command means something else by it.
    /// Options keep their English names in both languages.
    static let help: [String: MessageText] = [
        // Headings and shared rows.
        "help.overview": MessageText(zh: "概述：{0}", en: "OVERVIEW: {0}"),
        "help.usage": MessageText(zh: "用法：plancheck {0}", en: "USAGE: plancheck {0}"),
        "help.options": MessageText(zh: "选项：", en: "OPTIONS:"),
        "help.repeatable": MessageText(zh: "可重复。", en: " (repeatable)"),
        "help.opt.lang": MessageText(zh: "报告和提示的语言：zh（默认，中文）或 en；也可设环境变量 PLANCHECK_LANG=en（供程序读取）。",
                                     en: "Language of reports and messages: zh (default) or en; also PLANCHECK_LANG=en (for machines)."),
        "help.opt.help": MessageText(zh: "显示帮助。", en: "Show help information."),
        "help.main": MessageText(
            zh: """
            概述：plancheck 对照年度工作计划检查党建活动记录（Excel/WPS 导出的表格），列出每一处未完成，
            并汇总全年情况。

            用法：plancheck <子命令> [选项]

            子命令：
            {0}
            选项：
              --version      显示版本。
              --lang <LANG>  报告和提示的语言：zh（默认，中文）或 en；也可设环境变量 PLANCHECK_LANG。
              -h, --help     显示帮助。

            退出码：0 没有达到 --fail-on 级别的结果，1 有达到该级别的结果，2 输入或用法有误。

            示例：
              plancheck init 党建工作台    # 建立工作台文件夹
              plancheck check 党建工作台   # 对照计划检查，列出未完成事项
              plancheck help check         # 查看 check 的全部选项

            """,
            en: """
            OVERVIEW: plancheck checks party-work activity records (CSV exports) against yearly work plans,
            reports every shortfall, and summarises the year.

            USAGE: plancheck <subcommand> [options]

            SUBCOMMANDS:
            {0}
            OPTIONS:
              --version      Show the version.
              --lang <LANG>  Language of reports and messages: zh (default, 中文) or en; also PLANCHECK_LANG.
              -h, --help     Show help information.

            Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad input or usage.

            EXAMPLES:
              plancheck init 党建工作台
              plancheck check 党建工作台
              plancheck help check

            """),
        "help.main.help": MessageText(zh: "显示某个子命令的帮助（plancheck help check）。", en: "Show help for a subcommand (plancheck help check)."),

        // Options shared by the commands that read records.
        "help.opt.encoding": MessageText(zh: "输入文件的编码：utf-8、utf-16le、utf-16be、gb18030（默认：有 BOM 按 BOM，否则是有效 UTF-8 就按 UTF-8，否则按 GB18030）。",
                                         en: "Input encoding: utf-8, utf-16le, utf-16be, gb18030 (default: BOM, else UTF-8 if valid, else GB18030)."),
        "help.opt.delimiter": MessageText(zh: "分隔符：, ; 或 \\t（默认：按表头行判断）。", en: "Field delimiter: , ; or \\t (default: detected from the header line)."),
        "help.opt.column": MessageText(zh: "把名为 HEADER 的列当作 FIELD 读取（date、org、type、participants、title、lead、target、id），例如 --column 组织名称=org。",
                                       en: "Read the column named HEADER as FIELD (date, org, type, participants, title, lead, target, id), e.g. --column 组织名称=org."),
        "help.opt.sheet": MessageText(zh: "读取 .xlsx 工作簿中的哪张工作表（默认：第一张可见的工作表）。", en: "Sheet to read from .xlsx workbooks (default: the first visible sheet)."),
        "help.opt.strict": MessageText(zh: "严格模式：有任何一行被拒绝或任何一个单元格有提示，就报错（退出码 2），不写报告。",
                                       en: "Treat any rejected row or cell warning as an error (exit 2, no report written)."),
        "help.opt.max-row-bytes": MessageText(zh: "一行最多多少字节（默认 16777216，最多 1073741824）。", en: "Largest row accepted, in bytes (default 16777216, at most 1073741824)."),
        "help.opt.max-columns": MessageText(zh: "一行最多多少列（默认 1024，最多 1048576）。", en: "Most columns in a row (default 1024, at most 1048576)."),
        "help.opt.threads": MessageText(zh: "读取用的线程数：1 为单线程；2 及以上把输入分块并行解析（默认：CPU 核数，最多 4；可设 1 到 64）。结果完全相同。",
                                        en: "Parsing threads: 1 reads on one thread; N ≥ 2 parses chunks of the input on N threads, one of which also counts the records in order, and `check` formats a CSV report on two (default: the cores, at most 4; 1 to 64). Results are identical."),
        "help.opt.roster": MessageText(zh: "花名册：单位（名称,类别,上级）或人员（姓名,单位,职务）。", en: "Roster of units (name,kind,parent) or people (name,unit,role)."),
        "help.opt.year": MessageText(zh: "检查的年度（默认：取自计划文件名，否则取截止日所在年）。", en: "Year under review (default: from the plan file name, else the as-of year)."),
        "help.opt.plan.required": MessageText(zh: "计划文件（CSV 或 .xlsx，每行一条规则）。必填。", en: "Plan file (CSV, one rule per row). Required."),
        "help.opt.plan.stats": MessageText(zh: "计划文件：加上每条规则、每个单位的完成情况。", en: "Plan file: adds completion per rule and per unit."),
        "help.opt.as-of.check": MessageText(zh: "检查截至哪一天，如 2022-12-31（默认：今天）。", en: "Check as of this day, YYYY-MM-DD (default: today)."),
        "help.opt.as-of.stats": MessageText(zh: "统计截至哪一天，如 2022-12-31（默认：今天）。", en: "Count up to this day, YYYY-MM-DD (default: today)."),
        "help.opt.format": MessageText(zh: "标准输出的格式：text（默认）、csv、json。", en: "Format on standard output: text (default), csv, json."),
        "help.opt.output": MessageText(zh: "同时把报告写到 FILE；格式按扩展名（.txt .csv .json .html）。",
                                       en: "Also write a report to FILE; format from the extension (.txt .csv .json .html)."),
        "help.opt.no-bom": MessageText(zh: "CSV 不写 UTF-8 BOM（供程序读取；Excel 需要 BOM 才能正确显示中文）。",
                                       en: "Write CSV without the UTF-8 byte order mark (for machines; Excel wants it)."),
        "help.opt.no-formula-guard": MessageText(zh: "CSV 中以 = + - @ 开头的单元格不加防护（供程序读取）。",
                                                 en: "Do not neutralise cells starting with = + - @ in CSV output (for machine consumers)."),

        // check
        "help.check.abstract": MessageText(zh: "对照计划检查活动记录，列出每一处未完成。", en: "Check activity records against a plan and report every shortfall."),
        "help.check.usage": MessageText(zh: "check <工作台> [选项] | check --plan <计划.csv> [--roster <花名册>]... [选项] <文件|文件夹|->...",
                                        en: "check <workspace> [options] | check --plan <plan.csv> [--roster <file>]... [options] <file|dir|->..."),
        "help.check.discussion": MessageText(
            zh: """
            每条规则 × 单位（或人员）× 周期给出一个状态：达标；未达标（周期已结束，次数不够）；未开始
            （周期还没开始）；当前周期内为正常推进或滞后（落后于按天数折算的进度，或离周期结束不超过
            14 天和半个周期中较短者；周期第一天不算滞后）。--as-of 在当年 12 月 31 日或以后时，只有达标
            和未达标。数据质量提示（重复记录、日期不在年度内或晚于截止日、不在花名册中的单位、没有规则
            计入的活动类型）总会列出。

            退出码：0 没有达到 --fail-on 级别的结果；1 有达到该级别的结果；2 输入或用法有误（错误写在
            标准错误，不写报告）。

            工作台文件夹（用 plancheck init 文件夹 建立）提供计划（工作计划/）、花名册（花名册/）、
            活动记录（活动记录/）、年度和每次要写的报告（设置.txt）；命令行上给出的选项优先。

            示例：
              plancheck check 党建工作台                                             # 检查工作台里的全部记录
              plancheck check 党建工作台 --quiet --fail-on at-risk                   # 只列出问题；有滞后也返回 1
              plancheck check 党建工作台 --org 宝胜寺社区党支部 --as-of 2022-11-21   # 本单位自查
              plancheck check --plan 计划.csv --roster 单位.csv --roster 人员.csv --as-of 2022-12-31 \\
                -o audit.csv -o audit.html 记录/                                     # 不用工作台，直接给出文件
            """,
            en: """
            Statuses per rule × unit (or person) × period: met; missed (period over, below the
            threshold); upcoming (not started); within the current period on-track or at-risk
            (behind the pro-rata pace, or at most min(14, half the period) days left; never on the
            period's first day). With --as-of on or after Dec 31 of the year, only met and missed.
            Data-quality warnings (duplicates, dates outside the year or after as-of, units not in the
            roster, types no rule counts) are always reported.

            Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad input or
            usage (message on standard error, no report written).

            A workspace folder (made by `plancheck init DIR`) gives the plans (工作计划/), rosters (花名册/),
            records (活动记录/), the year and the reports to write (设置.txt); options given here override it.

            Examples:
              plancheck check 党建工作台
              plancheck check 党建工作台 --quiet --fail-on at-risk
              plancheck check 党建工作台 --org 宝胜寺社区党支部 --as-of 2022-11-21
              plancheck check --plan 计划.csv --roster 单位.csv --roster 人员.csv --as-of 2022-12-31 \\
                -o audit.csv -o audit.html 记录/
            """),
        "help.opt.org": MessageText(zh: "本单位自查：只看这个单位、它的下级单位和其中的人员，并列出计入的记录。",
                                    en: "Self-review: only this unit, its child units and their people; shows the records that counted."),
        "help.check.opt.title": MessageText(zh: "审计报告（.html）的标题，如 \"龙门街道党工委2022年度党建工作计划执行情况\"（默认：单位名称和年度）。",
                                            en: "Title of the audit report (.html), e.g. \"龙门街道党工委2022年度党建工作计划执行情况\" (default: the office and the year)."),
        "help.opt.quiet": MessageText(zh: "只列出问题（未达标、滞后、提示、被拒绝的行）；一切正常时什么都不输出。",
                                      en: "Print only problems (missed, at-risk, warnings, rejected rows); nothing when all is well."),
        "help.opt.fail-on": MessageText(zh: "有结果达到这一级别时退出码为 1：missed（未达标，默认）、at-risk（滞后）、warning（提示）、never（从不）。",
                                        en: "Exit 1 when any finding is at or above: missed (default), at-risk, warning, never."),
        "help.opt.show-evidence": MessageText(zh: "在每条结果下列出计入的记录（文本报告）。", en: "List the records that counted under each finding (text)."),
        "help.opt.evidence-cap": MessageText(zh: "每条结果最多列出几条依据记录（默认 3，用 --org 时 10；0 为不列；最多 10000）。",
                                             en: "Most records cited per finding (default 3, or 10 with --org; 0 for none; at most 10000)."),
        "help.opt.counts": MessageText(zh: "不读记录，改用数据库算出的计数（plancheck sql --emit counts 的结果，CSV）出报告；计划、花名册和 --as-of 须与生成 SQL 时相同。",
                                       en: "Report from the counts an engine wrote (the results of 'plancheck sql --emit counts', CSV) instead of reading records; same plan, roster and --as-of as the SQL."),
        "help.opt.max-duplicate-keys": MessageText(zh: "查重时内存中最多保存多少条记录指纹（默认 524288，最多 2147483648；每条至多 12 字节）；超过后转存到 TMPDIR 下的临时文件，查重仍然准确。",
                                                   en: "Fingerprints held in memory to find duplicate records (default 524288, at most 2147483648; in at most 12 bytes each); past it they move to temporary files in TMPDIR and detection stays exact."),

        // stats
        "help.stats.abstract": MessageText(zh: "汇总一年的记录：按单位、活动类型、月份计数，计划完成情况，数据质量。",
                                           en: "Summarise a year of records: counts by unit, type and month, plan completion, data health."),
        "help.stats.usage": MessageText(zh: "stats <工作台> [选项] | stats [--plan <计划.csv>]... [--roster <花名册>]... [选项] <文件|文件夹|->...",
                                        en: "stats <workspace> [options] | stats [--plan <plan.csv>]... [--roster <file>]... [options] <file|dir|->..."),
        "help.stats.discussion": MessageText(
            zh: """
            统计日期在年度内、且不晚于 --as-of 的记录：按单位 × 活动类型 × 月份的活动次数和参与人次，
            单位 × 月份汇总表，各单位（花名册中的和记录中出现的）从 1 月到截止月中整月没有任何记录的月份，
            以及数据质量（按原因统计的拒绝行、重复记录、不在花名册中的单位）。重复记录照常计数，并在数据
            质量中列出。给出 --plan 时，还统计每条规则、每个单位的完成情况：达标 ÷ 到期，到期 = 达标 +
            未达标（已有结论的周期）；单位按完成率排名，相同时未达标少的在前。

            文本（默认）是一段可直接用于年终总结的文字（中文；--lang en 为英文），后面是对齐的表格。
            JSON 含全部数字。HTML（-o report.html）是一个独立的网页，含图表（单位 × 月份热力图、各规则
            完成率、月度趋势），每张图旁边有对应的数字表格。

            CSV 表格（--table 选择 --format csv 和 .csv 输出写哪一张；默认 long）：
              long    org,type,period,count,participants — 只列次数大于 0 的
              pivot   org,kind,每月一列,total,participants — 最后一行为合计
              rules   rule,title,checker,checks,due,met,missed,at_risk,on_track,upcoming,percent（需要 --plan）
              units   rank,org,kind,checks,due,met,missed,at_risk,on_track,upcoming,percent（需要 --plan）
              health  kind,org,period,count,detail — rows-read、rejected、duplicate、unknown-unit、
                      outside-year、after-as-of、no-participants、empty-month、silent
            --csv-dir 文件夹 把每张表写成 文件夹/stats-<table>.csv（rules 和 units 只在有计划时写）；
            所有文件（--csv-dir 和 --output）先写到临时文件，全部写完后才改为正式文件名。

            退出码：0 报告已写出；2 输入或用法有误（什么都不写）。

            对工作台文件夹（plancheck init 文件夹）：计划、花名册、记录、年度和要写的报告取自该文件夹
            及其中的 设置.txt。

            示例：
              plancheck stats 党建工作台                                 # 年终总结用的文字和表格
              plancheck stats 党建工作台 -o report.html --csv-dir out/   # 另存网页报告和全部表格
              plancheck stats --roster 单位.csv --as-of 2022-12-31 记录/
              plancheck stats --as-of 2022-12-31 --format csv --table pivot 记录/ > pivot.csv
            """,
            en: """
            Counts records dated within the year and not after --as-of: activities and participants
            (人次) by unit × activity type × month, a unit × month pivot, the months (January to the
            as-of month) in which a unit — of the roster or seen in the records — had no record at all,
            and data health (rejected rows by reason, duplicates, units not in the roster). Duplicates
            are counted like any record and listed under data health. With --plan, also completion per
            rule and per unit: met / due, where due = met + missed (periods already decided); units
            are ranked by % met, then fewer missed.

            Text (the default) is a summary ready for a year-end review, Chinese unless --lang en,
            followed by aligned tables. JSON holds every number. HTML (-o report.html) is one
            self-contained page with charts (unit × month heatmap, completion per rule, monthly trend),
            each with its numbers in a table beside it.

            CSV tables (--table chooses which one --format csv and a .csv output hold; default long):
              long    org,type,period,count,participants — only where count > 0
              pivot   org,kind,one column per month,total,participants — plus a 合计 row
              rules   rule,title,checker,checks,due,met,missed,at_risk,on_track,upcoming,percent (needs --plan)
              units   rank,org,kind,checks,due,met,missed,at_risk,on_track,upcoming,percent (needs --plan)
              health  kind,org,period,count,detail — rows-read, rejected, duplicate, unknown-unit,
                      outside-year, after-as-of, no-participants, empty-month, silent
            --csv-dir DIR writes every table as DIR/stats-<table>.csv (rules and units only with a plan);
            all files, --csv-dir and --output alike, are written to temporary files and renamed into
            place only when every one is complete.

            Exit codes: 0 report written; 2 bad input or usage (nothing written).

            On a workspace folder (plancheck init DIR), plans, rosters, records, year and the reports to
            write come from the folder and its 设置.txt.

            Examples:
              plancheck stats 党建工作台
              plancheck stats 党建工作台 -o report.html --csv-dir out/
              plancheck stats --roster 单位.csv --as-of 2022-12-31 记录/
              plancheck stats --as-of 2022-12-31 --format csv --table pivot 记录/ > pivot.csv
            """),
        "help.stats.opt.table": MessageText(zh: "CSV 输出哪张表：long（默认）、pivot、rules、units、health。",
                                            en: "Table for CSV output: long (default), pivot, rules, units, health."),
        "help.opt.csv-dir": MessageText(zh: "另把每张 CSV 表写到 DIR，文件名为 stats-<table>.csv（<table> 为表名）。", en: "Also write every CSV table into DIR as stats-<table>.csv."),

        // init
        "help.init.abstract": MessageText(zh: "建立工作台文件夹：计划（三会一课标准计划和示例）、花名册模板、活动记录、检查报告、设置。",
                                          en: "Create a workspace folder: plans (a standard 三会一课 plan and examples), roster templates, records, reports, settings."),
        "help.init.usage": MessageText(zh: "init [--year <年度>] [--title <单位名称>] <文件夹>", en: "init [--year <YEAR>] [--title <NAME>] <folder>"),
        "help.init.discussion": MessageText(
            zh: """
            建立以下中文文件夹和文件：工作计划/（正在执行的计划：三会一课标准计划.csv；示例在 工作计划/示例/），
            花名册/（只有表头的单位和人员花名册模板），活动记录/（把导出的活动记录放在这里），
            检查报告/（每次运行的报告，带日期），设置.txt（设置：键 = 值，# 开头为注释）和 使用说明.txt。
            从不覆盖：已有的文件原样保留，再运行一次不会改动任何东西。之后 plancheck check <文件夹>
            即可从文件夹读取全部内容。

            设置.txt 的键（中文名或英文名 = 值；# 开始注释；每个问题都会指出行号，写错的键会提示最接近的键）：
              单位名称 title            单位名称：放在报告文件名前面和审计报告标题中
              年度 year                 年度，如 2026，或 current（每次运行时的当年）
              语言 language             zh 或 en（先看 --lang，再看这里，再看 PLANCHECK_LANG）
              失败级别 fail-on          missed、at-risk、warning 或 never（达到该级别时退出码为 1）
              检查报告 check-reports    check 每次写的报告格式：csv、html、json、txt，或 无
              统计报告 stats-reports    stats 每次写的报告格式
              报告目录 reports-folder   报告写到哪里（相对于工作台）；文件名带截止日期，以前的报告保留
              依据条数 evidence-cap     每条结果最多列出几条依据记录
            命令行上给出的选项优先于设置。

            示例：
              plancheck init 党建工作台 --title 龙门街道党工委   # 建立工作台，写上单位名称
              plancheck init /srv/dangjian --year 2026
            """,
            en: """
            Creates, in Chinese: 工作计划/ (plans in force: 三会一课标准计划.csv; examples in 工作计划/示例/),
            花名册/ (header-only roster templates for units and people), 活动记录/ (drop record exports
            here), 检查报告/ (each run's reports, dated), 设置.txt (settings: key = value, # comments)
            and 使用说明.txt. Never overwrites: files that exist are kept as they are, so running it
            again changes nothing. Then `plancheck check <folder>` reads everything from the folder.

            设置.txt keys (Chinese or English name = value; # starts a comment; every problem is reported
            with its line, an unknown key with the nearest known one):
              单位名称 title            the office's name: in front of report file names, in the audit title
              年度 year                 a year such as 2026, or current (the year of each run)
              语言 language             zh or en (--lang, then this, then PLANCHECK_LANG)
              失败级别 fail-on          missed, at-risk, warning or never (exit 1 at or above it)
              检查报告 check-reports    formats check writes each run: csv, html, json, txt, or 无 (none)
              统计报告 stats-reports    formats stats writes each run
              报告目录 reports-folder   where (relative to the folder); names carry the as-of day, earlier ones are kept
              依据条数 evidence-cap     most records cited per finding
            Options given on the command line override the settings.

            Examples:
              plancheck init 党建工作台 --title 龙门街道党工委
              plancheck init /srv/dangjian --year 2026
            """),
        "help.init.opt.year": MessageText(zh: "写入设置的年度（默认：current，即每次运行时的当年）。",
                                          en: "Year under review written to the settings (default: current, the year of each run)."),
        "help.init.opt.title": MessageText(zh: "单位名称：写入设置，放在报告文件名前面。",
                                           en: "The office's name, written to the settings and put in front of report file names."),

        // inspect
        "help.inspect.abstract": MessageText(zh: "显示 plancheck 怎样读取活动记录文件，或把记录整理成标准格式输出（--format csv）。",
                                             en: "Show how plancheck reads activity files, or write them normalized (--format csv)."),
        "help.inspect.usage": MessageText(zh: "inspect [选项] <文件|文件夹|->...", en: "inspect [options] <file|dir|->..."),
        "help.inspect.discussion": MessageText(
            zh: """
            文本输出逐个文件显示：编码、分隔符、表头与字段的对应和未用到的列、读取/接受/拒绝的行数及前几条
            原因、日期范围、单位和活动类型。
            --format csv 把每条接受的记录写成 UTF-8 CSV，表头为
              id,date,org,type,participants,title,lead,target,file,line
            （日期为 2022-03-05 格式，按 RFC 4180 加引号）。被拒绝的行写在标准错误。

            示例：
              plancheck inspect 党建工作台/活动记录   # 看看每个文件读得对不对
              plancheck inspect --format csv -o normalized.csv 记录.csv
            """,
            en: """
            Text output shows, per file: encoding, delimiter, header → field mapping and unmapped columns,
            rows read / accepted / rejected with the first reasons, date range, orgs and activity types.
            --format csv writes every accepted record as UTF-8 CSV with the header
              id,date,org,type,participants,title,lead,target,file,line
            (ISO dates, RFC 4180 quoting). Rejected rows are listed on standard error.

            Examples:
              plancheck inspect 党建工作台/活动记录
              plancheck inspect --format csv -o normalized.csv 记录.csv
            """),
        "help.inspect.opt.format": MessageText(zh: "text（默认）或 csv。", en: "text (default) or csv."),
        "help.inspect.opt.output": MessageText(zh: "写到 FILE（写完整后才出现）而不是标准输出。", en: "Write to FILE (atomically) instead of standard output."),
        "help.opt.bom": MessageText(zh: "CSV 输出以 UTF-8 BOM 开头（默认不加：这份输出是给程序读的）。",
                                    en: "Start CSV output with a UTF-8 BOM (off by default: this output is for machines)."),
        "help.inspect.opt.no-formula-guard": MessageText(zh: "CSV 中以 = + - @ 开头的单元格不加防护。", en: "Do not neutralise cells starting with = + - @ in CSV output."),
        "help.opt.max-listed": MessageText(zh: "文本中每个文件最多列出几条被拒绝的行、单位和活动类型（默认 10）。",
                                           en: "Rejected rows, orgs and types listed per file in text (default 10)."),

        // validate
        "help.validate.abstract": MessageText(zh: "检查计划文件有没有问题（检查方式不认识、数字不对、周期不认识、必填列为空……）。",
                                              en: "Check plan files for problems (unknown checker, bad number, unknown period, empty required column …)."),
        "help.validate.usage": MessageText(zh: "validate [--roster <花名册>]... <计划.csv|文件夹|工作台>...",
                                           en: "validate [--roster <file>]... <plan.csv|folder|workspace>..."),
        "help.validate.discussion": MessageText(
            zh: """
            一次列出全部问题，格式为 文件:行:列: 说明。计划无误时退出码为 0，有问题时为 2。给出 --roster 时，
            花名册中没有的单位、类别和职务作为注意事项列出。给出文件夹即检查其中的计划文件；给出工作台文件夹
            （plancheck init 文件夹）即检查其中的计划，并一并检查花名册和设置文件。

            示例：
              plancheck validate 党建工作台   # 检查工作台中的计划、花名册和设置
              plancheck validate --roster 单位.csv 计划.csv
            """,
            en: """
            Every problem is listed at once as FILE:LINE:COLUMN: message. Exit 0 when the plan is valid,
            2 when it has problems. With --roster, units, kinds and roles the roster lacks are listed as notes.
            A folder stands for the plan files in it; a workspace folder (plancheck init DIR) for its plans,
            with its rosters and its settings file checked too.

            Examples:
              plancheck validate 党建工作台
              plancheck validate --roster 单位.csv 计划.csv
            """),
        "help.validate.opt.roster": MessageText(zh: "用来核对适用范围的花名册（只给出注意事项）。", en: "Roster to resolve scopes against (notes only)."),
        "help.validate.opt.encoding": MessageText(zh: "计划文件的编码（默认：有 BOM 按 BOM，否则是有效 UTF-8 就按 UTF-8，否则按 GB18030）。",
                                                  en: "Plan file encoding (default: BOM, else UTF-8 if valid, else GB18030)."),

        // checkers
        "help.checkers.abstract": MessageText(zh: "列出计划可以使用的检查方式，以及各自需要的列和示例。",
                                              en: "List the checkers a plan can use, with their columns and an example."),
        "help.checkers.usage": MessageText(zh: "checkers [<检查方式>]", en: "checkers [<identifier>]"),
        "help.checkers.discussion": MessageText(
            zh: """
            每条规则都有的计划列：id、title、checker、types、keywords、threshold、period、scope、clause、source。
            计划中的检查方式可以写英文，也可以写中文（计数、合计、截止、时间窗、覆盖）。

            示例：
              plancheck checkers 计数   # 看“计数”需要哪些列，附一个例子
              plancheck checkers
            """,
            en: """
            Plan columns every rule has: id, title, checker, types, keywords, threshold, period, scope, clause, source.
            A plan may name a checker in English or in Chinese (计数, 合计, 截止, 时间窗, 覆盖).

            Examples:
              plancheck checkers 计数
              plancheck checkers
            """),

        // draft
        "help.draft.abstract": MessageText(zh: "根据工作计划文档（.txt，UTF-8 或 GB18030；或 .docx）起草计划文件。",
                                           en: "Draft a plan file from a work plan document (.txt UTF-8/GB18030, or .docx)."),
        "help.draft.usage": MessageText(zh: "draft [-o <计划.csv>] <文档>", en: "draft [-o <plan.csv>] <document>"),
        "help.draft.discussion": MessageText(
            zh: """
            找到的每一处频次要求（每年至少N次、全年不少于N次、每季度、每半年、每月、每周、N人次、“七一”前、
            X月X日前、年初…年中…年末、对N个…）起草为一条规则，source 为原句，clause 为它在文档编号中的位置。
            原句说不清的单元格写“待确认”（能推断的附建议值）；validate 会逐个列出它们的行号和列号，直到填好。
            频次模糊的句子（定期、经常性、适时、不定期……）列在草稿末尾，标为“无法表达”，check 会跳过。
            不给 -o 时，草稿写到标准输出，摘要写到标准错误。plancheck checkers 列出每种检查方式需要的列。

            示例：
              plancheck draft 党建工作计划.txt -o 计划草稿.csv   # 起草后在 Excel/WPS 中核对“待确认”
              plancheck draft 党建工作计划.docx > 计划草稿.csv
            """,
            en: """
            One rule per frequency requirement found (每年至少N次, 全年不少于N次, 每季度, 每半年, 每月, 每周,
            N人次, “七一”前, X月X日前, 年初…年中…年末, 对N个…), with source = the sentence and clause = its
            place in the document's numbering. Cells the sentence does not settle say 待确认 (with a
            proposal where there is one); validate lists each of them with line and column until filled.
            Sentences with vague frequencies (定期, 经常性, 适时, 不定期 …) are listed at the end of the
            draft as 无法表达 rows, which check skips. Without -o the draft goes to standard output and
            the summary to standard error. `plancheck checkers` lists the columns each checker needs.

            Examples:
              plancheck draft 党建工作计划.txt -o 计划草稿.csv
              plancheck draft 党建工作计划.docx > 计划草稿.csv
            """),
        "help.draft.opt.output": MessageText(zh: "把计划草稿写到 FILE（CSV），而不是标准输出。", en: "Write the draft plan to FILE (CSV) instead of standard output."),

        // sql
        "help.sql.abstract": MessageText(zh: "把计划编译成 SQL，在记录所在的数据库里计数（DuckDB、PostgreSQL、Spark SQL、Trino）。",
                                         en: "Compile the plan to SQL that counts where the records live (DuckDB, PostgreSQL, Spark SQL, Trino)."),
        "help.sql.usage": MessageText(zh: "sql --dialect duckdb|postgres|spark|trino --plan <计划.csv> [--roster <花名册>]... --as-of 日期 --table 表名|路径 [选项]",
                                      en: "sql --dialect duckdb|postgres|spark|trino --plan <plan.csv> [--roster <file>]... --as-of DATE --table NAME|PATH [options]"),
        "help.sql.discussion": MessageText(
            zh: """
            输出一个 SQL 脚本。日历（各周期起止、ISO 周、截止日所处阶段、按天数折算的要求、临近周期结束的标记）
            和各规则的活动类型由 plancheck 算好，以字面 VALUES 表写入；数据库只做筛选、关联和计数，不用日期函数。
            每条语句以一行 '-- plancheck: 名称' 开头：input（读取和拒绝的行：日期或人数无法解析的行被拒绝）、
            counts 或 findings，然后是数据质量查询 duplicate、unknown-unit、dates 和 uncounted-type。

            记录表的列与 'plancheck inspect --format csv' 相同：
              date（DATE 或 YYYY-MM-DD 文本）、org、type、participants（整数或空）、
              title、lead、target（文本）；其他列不用。

            --emit counts（默认）：每条语句返回 kind,rule,org,person,period,count,sum；把结果存成一个 CSV，
            用相同的计划、花名册和 --as-of 运行 'plancheck check --counts 文件'，得到通常的报告和退出码。
            --emit findings：带状态（met、missed、at-risk、on-track、upcoming）的完整结果表，没有记录的单位
            也在内；--only-shortfalls 只保留 missed 和 at-risk。

            SQL 表达不了的规则直接拒绝（退出码 2），从不近似。

            示例：
              plancheck sql --dialect duckdb --plan 党建工作台/工作计划/三会一课标准计划.csv --roster 党建工作台/花名册/roster-units.csv \\
                --as-of 2022-12-31 --table records.csv
              plancheck sql --dialect spark --plan P.csv --roster R.csv --as-of 2022-11-21 \\
                --table warehouse.activities --emit findings --only-shortfalls
            """,
            en: """
            Prints one SQL script. The calendar (period bounds, ISO weeks, the as-of phase, the pro-rata
            threshold, the near-the-end flag) and the rules' type lists are computed by plancheck and
            shipped as literal VALUES tables; the engine only filters, joins and counts, with no date
            functions. Each statement starts with a '-- plancheck: NAME' line: input (rows read and
            rejected: a date or count that does not parse rejects the row), counts or findings, then
            the data-quality queries duplicate, unknown-unit, dates and uncounted-type.

            The records table has the columns of 'plancheck inspect --format csv':
              date (DATE or YYYY-MM-DD text), org, type, participants (whole number or empty),
              title, lead, target (text); other columns are ignored.

            --emit counts (default): every statement returns kind,rule,org,person,period,count,sum;
            save their results as one CSV and run 'plancheck check --counts FILE' with the same plan,
            roster and --as-of for the usual reports and exit codes.
            --emit findings: the full findings table with statuses (met, missed, at-risk, on-track,
            upcoming), zero-record units included; --only-shortfalls keeps missed and at-risk.

            A rule the SQL cannot express is refused (exit 2), never approximated.

            Examples:
              plancheck sql --dialect duckdb --plan 党建工作台/工作计划/三会一课标准计划.csv --roster 党建工作台/花名册/roster-units.csv \\
                --as-of 2022-12-31 --table records.csv
              plancheck sql --dialect spark --plan P.csv --roster R.csv --as-of 2022-11-21 \\
                --table warehouse.activities --emit findings --only-shortfalls
            """),
        "help.opt.dialect": MessageText(zh: "duckdb、postgres、spark 或 trino。必填。", en: "duckdb, postgres, spark or trino. Required."),
        "help.sql.opt.table": MessageText(zh: "记录：表名（warehouse.activities）；DuckDB 也可给 .csv/.parquet 路径，Spark 可给 .parquet 路径。必填。",
                                          en: "The records: a table name (warehouse.activities), or for DuckDB a .csv/.parquet path, for Spark a .parquet path. Required."),
        "help.opt.emit": MessageText(zh: "counts（默认：结果小，供 check --counts 使用）或 findings（带状态的完整结果表）。",
                                     en: "counts (default: small, for check --counts) or findings (the full table with statuses)."),
        "help.opt.only-shortfalls": MessageText(zh: "与 --emit findings 一起用：只输出 missed 和 at-risk 的行。", en: "With --emit findings: only missed and at-risk rows."),
        "help.sql.opt.output": MessageText(zh: "把脚本写到 FILE（写完整后才出现），而不是标准输出。", en: "Write the script to FILE (atomically) instead of standard output."),
    ]
}
