/// The files `plancheck init` writes into a new workspace (Chinese: they are for the clerks).
enum WorkspaceTemplates {
    /// The settings file, with every key and a Chinese comment on each.
    static func settings(title: String, year: Int?) -> String {
        """
        # plancheck 设置文件
        # 每行写“名称 = 值”；以 # 开头的行是说明，不起作用。保存后，下次检查时生效。

        # 单位名称：写在报告文件名的前面，如“龙门街道党工委-检查-2026-03-05.csv”
        单位名称 = \(title)

        # 检查年度：写四位年份（如 2026）；写 current 表示当年（每年 1 月不用修改）
        年度 = \(year.map(String.init) ?? "current")

        # 语言：zh（中文）或 en（英文）
        语言 = zh

        # 什么情况算“有问题”（定时任务据此报警）：
        #   missed 有未完成的要求；at-risk 有进度落后的要求也算；warning 有数据提示也算；never 从不
        失败级别 = missed

        # 每次检查（plancheck check）写出的报告，可写多个，用逗号分隔：
        #   csv（用 Excel/WPS 打开）、html（用浏览器打开，可打印）、json、txt；不写报告填“无”
        检查报告 = csv, html

        # 每次统计（plancheck stats）写出的报告，写法同上
        统计报告 = html

        # 报告存放的文件夹（相对于本文件夹）；报告文件名带日期，以前的报告都会保留
        报告目录 = \(Workspace.reportsFolder)

        # 每项检查结果最多列出几条计入的记录作为依据（0 表示不列出）；去掉行首的 # 即生效
        # 依据条数 = 3

        """
    }

    /// The short README for the office.
    static func readme(title: String) -> String {
        """
        \(title.isEmpty ? "" : title + " ")党建工作检查工作台（plancheck）

        本文件夹由 plancheck init 创建。各文件夹的用途：

          \(Workspace.plansFolder)/    本年度执行的工作计划（CSV 表格，每行一条要求）。此文件夹中的每个 .csv 文件都会被检查。
                       “\(Workspace.standardPlanFile)”依据《中国共产党支部工作条例（试行）》，请按本单位文件核对、修改。
                       “\(Workspace.examplesFolder)/”中是示例计划（街道、支部、机关、年终总结），需要时复制到“\(Workspace.plansFolder)/”再修改。
                       检查方式可写：计数、合计、截止、时间窗、覆盖；周期可写：年、半年、季度、月、周；次数可写 6 或 六。
          \(Workspace.rostersFolder)/      单位花名册（单位名称、类别、上级单位）和人员花名册（姓名、所在单位、职务）。
                       花名册只有表头时，按活动记录中出现的单位检查。
          \(Workspace.recordsFolder)/    把从 Excel/WPS 或组织生活 App 导出的活动记录（CSV）放在这里。
          \(Workspace.reportsFolder)/    每次检查写出的报告，文件名带日期，以前的报告都会保留。
          \(Workspace.settingsFile)     年度、语言、报告格式等设置，用记事本打开修改。

        常用命令（“本文件夹”换成本文件夹的路径）：
          plancheck check 本文件夹              检查，并把报告写入“\(Workspace.reportsFolder)/”
          plancheck check 本文件夹 --quiet      只显示问题（定时任务用）
          plancheck stats 本文件夹              年度统计
          plancheck validate 本文件夹           检查计划和设置有无错误

        """
    }

    /// Header-only roster templates: units, then people.
    static let unitRoster = (name: "单位花名册.csv", text: "单位名称,类别,上级单位\n")
    static let peopleRoster = (name: "人员花名册.csv", text: "姓名,所在单位,职务\n")
}
