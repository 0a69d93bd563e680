/// `plancheck init`: creates a year's workspace folder (plans, rosters, records, reports, settings).
public enum InitCommand: Command {
    public static let spec = CommandSpec(
        name: "init",
        abstract: "Create a workspace folder: plans (a standard 三会一课 plan and examples), roster templates, records, reports, settings.",
        usage: "init [--year <YEAR>] [--title <NAME>] <folder>",
        discussion: """
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
        """,
        options: [
            OptionSpec("year", value: "YEAR", "Year under review written to the settings (default: current, the year of each run)."),
            OptionSpec("title", value: "NAME", "The office's name, written to the settings and put in front of report file names."),
        ])

    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard p.positionals.count == 1, let dir = p.positionals.first else {
            throw UsageError(id: "workspace.oneFolder", p.positionals.count)
        }
        var year: Int? = nil
        if let y = p.value("year"), y != "current" {
            guard let v = Int(y), v >= 1900, v <= 9999 else { throw UsageError(id: "workspace.badYear", y) }
            year = v
        }
        let lang = io.lang
        let r = try Workspace.create(dir, year: year, title: p.value("title") ?? "")
        for f in r.created { io.stdout.write(Messages.text("workspace.created", lang, f) + "\n") }
        if !r.created.isEmpty { for f in r.kept { io.stdout.write(Messages.text("workspace.kept", lang, f) + "\n") } }
        io.stdout.write(Messages.text(r.created.isEmpty ? "workspace.unchanged" : "workspace.next", lang, dir) + "\n")
        return ExitCode.ok
    }
}
