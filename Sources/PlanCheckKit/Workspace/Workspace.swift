import Foundation

/// A year's workspace: one folder holding plans, rosters, records, reports and a settings file,
/// so that the nightly command is `plancheck check /srv/dangjian --quiet` and never changes.
///
/// Folder and file names are Chinese (the clerks' language); `plancheck init` creates them.
public enum Workspace {
    /// Plan files (CSV, one rule per row); every `.csv` directly inside is a plan in force.
    public static let plansFolder = "工作计划"
    /// Example plans inside the plans folder (not read; copy one up to use it).
    public static let examplesFolder = "示例"
    /// Rosters of units and people.
    public static let rostersFolder = "花名册"
    /// Activity records: where exports are dropped.
    public static let recordsFolder = "活动记录"
    /// Reports written by each run.
    public static let reportsFolder = "检查报告"
    /// The settings file.
    public static let settingsFile = "设置.txt"
    /// The short README for the office.
    public static let readmeFile = "使用说明.txt"
    /// The standard 三会一课 plan's file name in a new workspace.
    public static let standardPlanFile = "三会一课标准计划.csv"
    /// The standard plan's file in Checks/ (and in ``SeedPlans``).
    static let standardPlanSeed = "standard-three-meetings-one-lesson.csv"

    /// Whether `path` is a workspace folder (a folder holding the settings file).
    public static func isWorkspace(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
            && FileManager.default.fileExists(atPath: join(path, settingsFile))
    }

    static func isFolder(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    static func join(_ dir: String, _ name: String) -> String {
        if name.hasPrefix("/") { return name }
        return dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    /// The `.csv` and `.xlsx` files directly inside `folder`, sorted (none when it does not exist);
    /// hidden files and Excel/WPS lock files (`~$…`) are left out.
    static func csvFiles(_ folder: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { n in
            let l = n.lowercased()
            return (l.hasSuffix(".csv") || l.hasSuffix(".xlsx")) && !n.hasPrefix(".") && !n.hasPrefix("~$")
        }.sorted().map { join(folder, $0) }
    }

    /// Plan files in force in workspace `dir`.
    public static func plans(_ dir: String) -> [String] { csvFiles(join(dir, plansFolder)) }

    /// Roster files of workspace `dir`, leaving out templates still holding only their header
    /// (a new workspace's rosters): with no roster, a `kind:` scope means every unit in the records.
    public static func rosters(_ dir: String) throws -> [String] {
        let files = csvFiles(join(dir, rostersFolder))
        var out: [String] = []
        for f in files {
            let r = try Roster.read([f])
            if !r.units.isEmpty || !r.people.isEmpty { out.append(f) }
        }
        return out
    }

    /// The records folder of workspace `dir`.
    public static func records(_ dir: String) -> String { join(dir, recordsFolder) }

    /// A report's path: the settings' reports folder, the office's name, the command and the
    /// day, so every run's reports are kept beside the earlier ones.
    public static func reportPath(_ dir: String, settings: WorkspaceSettings, command: String, day: Day, format: String) -> String {
        let kind = command == "stats" ? "统计" : "检查"
        let ext = format == "text" ? "txt" : format
        let title = settings.title.filter { !"/\\:*?\"<>|".contains($0) }
        return join(join(dir, settings.reportsFolder), (title.isEmpty ? "" : title + "-") + "\(kind)-\(day.iso).\(ext)")
    }

    /// `p` unchanged, unless its one input is a workspace folder: then as ``arguments(_:dir:spec:io:)``.
    static func expand(_ p: ParsedArguments, spec: CommandSpec, io: CommandIO) throws -> ParsedArguments {
        guard p.positionals.count == 1, isWorkspace(p.positionals[0]) else { return p }
        return try arguments(p, dir: p.positionals[0], spec: spec, io: io).0
    }

    /// What `check DIR` / `stats DIR` run: the workspace's settings turned into the options the
    /// command line would give, each one only where the command line did not give it.
    static func arguments(_ p: ParsedArguments, dir: String, spec: CommandSpec, io: CommandIO) throws -> (ParsedArguments, WorkspaceSettings) {
        let settings = try WorkspaceSettings.read(join(dir, settingsFile))
        var q = p
        let accepted = Set(spec.options.map(\.name))
        func setDefault(_ name: String, _ values: [String]) {
            guard accepted.contains(name), q.values[name] == nil, !values.isEmpty else { return }
            q.values[name] = values
        }
        setDefault("plan", plans(dir))
        if q.values["roster"] == nil { setDefault("roster", try rosters(dir)) }
        var asOf = io.today
        if let a = p.value("as-of"), let d = Day.parseISO(a) { asOf = d }
        let year = p.value("year") ?? String(settings.year ?? asOf.year)
        setDefault("year", [year])
        // The settings' language stands where --lang would: the option, else the settings, else PLANCHECK_LANG.
        if p.value("lang") == nil, let l = settings.language,
           let resolved = Lang.resolve(option: l.rawValue, environment: io.environment) { io.lang = resolved }
        setDefault("fail-on", [settings.failOn])
        if !settings.title.isEmpty { setDefault("title", [Messages.text("workspace.reportTitle", io.lang, settings.title, year)]) }
        if let cap = settings.evidenceCap { setDefault("evidence-cap", [String(cap)]) }
        let formats = spec.name == "stats" ? settings.statsReports : settings.checkReports
        if accepted.contains("output") {
            let reports = formats.map { reportPath(dir, settings: settings, command: spec.name, day: asOf, format: $0) }
            if !reports.isEmpty {
                let folder = join(dir, settings.reportsFolder)
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            q.values["output", default: []] += reports.filter { !(q.values["output"] ?? []).contains($0) }
        }
        q.positionals = [records(dir)]
        return (q, settings)
    }
}
