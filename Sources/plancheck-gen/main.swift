// plancheck-gen: deterministic, seeded generator of plancheck inputs.
//
//   plancheck-gen sample --out SampleData [--seed 2022]
//   plancheck-gen scale --records N --units U --out DIR [--seed S] [--shape app|gbk|sheet]
//                       [--order date|reverse|unit|random]   (the same records in each order)
//
// Standalone (Foundation + Glibc only, no dependency on PlanCheckKit).
// Randomness comes only from the SplitMix64 below, and nothing iterates a
// Dictionary/Set, so the same seed always gives byte-identical files.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

// MARK: - PRNG

struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform integer in 0..<n (n > 0); multiply-shift, no modulo bias worth caring about here.
    mutating func below(_ n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }
    /// Uniform integer in lo...hi.
    mutating func int(_ lo: Int, _ hi: Int) -> Int { lo + below(hi - lo + 1) }
    mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

// MARK: - Calendar helpers (2022 only; 2022-01-01 is a Saturday)

let monthDays2022 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
let monthStart2022: [Int] = {
    var s = [Int](); var acc = 0
    for d in monthDays2022 { s.append(acc); acc += d }
    return s
}()
/// Day of year (0-based) -> (month, day), both 1-based.
func monthDay(_ doy: Int) -> (Int, Int) {
    var m = 11
    while monthStart2022[m] > doy { m -= 1 }
    return (m + 1, doy - monthStart2022[m] + 1)
}
func doy(_ month: Int, _ day: Int) -> Int { monthStart2022[month - 1] + day - 1 }
/// Day of year of a random day inside [month1/day1, month2/day2].
func randomDay(_ r: inout SplitMix64, _ m1: Int, _ d1: Int, _ m2: Int, _ d2: Int) -> Int {
    r.int(doy(m1, d1), doy(m2, d2))
}
func quarterRange(_ q: Int) -> (Int, Int) { (monthStart2022[(q - 1) * 3], (q == 4 ? 365 : monthStart2022[q * 3]) - 1) }

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

// MARK: - CSV field quoting (RFC 4180)

func csvField(_ s: String) -> String {
    if s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}
func csvLine(_ fields: [String], _ eol: String) -> String { fields.map(csvField).joined(separator: ",") + eol }

// MARK: - Output helpers

func die(_ msg: String) -> Never {
    FileHandle.standardError.write(("plancheck-gen: " + msg + "\n").data(using: .utf8)!)
    exit(2)
}

func writeBytes(_ bytes: [UInt8], to path: String) {
    guard let f = fopen(path, "wb") else { die("cannot open \(path) for writing") }
    let n = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    if n != bytes.count { die("short write to \(path)") }
    fclose(f)
}

/// UTF-8 -> GB18030 through Glibc iconv (CFStringConvertEncodingToNSStringEncoding is not on Linux).
func toGB18030(_ s: String) -> [UInt8] {
    let cd = iconv_open("GB18030", "UTF-8")
    if cd == iconv_t(bitPattern: -1) { die("iconv_open(GB18030, UTF-8) failed") }
    defer { iconv_close(cd) }
    var input = Array(s.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    var inLeft = input.count
    var outLeft = output.count
    let rc = input.withUnsafeMutableBufferPointer { ib -> Int in
        output.withUnsafeMutableBufferPointer { ob -> Int in
            var ip: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ib.baseAddress!).assumingMemoryBound(to: CChar.self)
            var op: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ob.baseAddress!).assumingMemoryBound(to: CChar.self)
            return iconv(cd, &ip, &inLeft, &op, &outLeft)
        }
    }
    if rc == -1 || inLeft != 0 { die("iconv conversion to GB18030 failed (errno \(errno))") }
    return Array(output[0..<(output.count - outLeft)])
}

// MARK: - Shared vocabulary

let vocabulary = [
    "党建工作汇报", "宣传教育活动", "培训", "思想动态分析研判", "意识形态专题研究", "意识形态工作报告", "谈心谈话",
    "明察暗访", "廉政专题学习", "警示教育", "党课", "三会一课", "支部委员会", "党员大会", "主题党日", "组织生活会",
    "民主评议党员", "民主生活会", "中心组学习", "巡察", "专题会议", "三会一课检查", "入党宣誓", "英模宣讲", "志愿服务",
    "帮扶走访", "评先评优", "发展党员", "纪检业务培训", "其他",
]

/// Titles per activity type. Many carry ASCII commas (so they get quoted), some ASCII double quotes.
let titlePool: [String: [String]] = [
    "党建工作汇报": ["听取基层党建工作汇报,部署下阶段重点任务", "听取社区党支部书记抓党建工作汇报", "听取党建工作季度汇报,研究存在问题", "听取机关党建工作汇报"],
    "宣传教育活动": ["喜迎二十大主题宣传教育活动", "“感党恩、跟党走”大型宣传教育活动", "学习贯彻党的二十大精神,百场宣讲进社区", "社会主义核心价值观宣传教育,文明新风进万家", "民法典宣传月大型宣传教育活动"],
    "培训": ["党务干部业务能力培训", "学习\"学习强国\"平台使用,提升党员数字素养培训", "基层党组织书记示范培训班", "入党积极分子培训,第三期", "社区两委干部履职能力培训"],
    "思想动态分析研判": ["党员思想动态分析研判会", "季度党员思想状况分析研判,梳理问题清单", "党员思想动态分析研判"],
    "意识形态专题研究": ["意识形态工作专题研究会议", "研究部署意识形态工作,压实责任"],
    "意识形态工作报告": ["报告分管领域意识形态工作情况"],
    "谈心谈话": ["支部书记与党员谈心谈话", "开展“六必谈”谈心谈话", "谈心谈话,了解党员思想和困难"],
    "明察暗访": ["明察暗访,检查工作纪律和作风", "节前明察暗访,紧盯“四风”问题", "明察暗访窗口服务情况", "明察暗访:工作日午间饮酒问题"],
    "廉政专题学习": ["廉政专题学习:《中国共产党纪律处分条例》", "学习《中国共产党廉洁自律准则》,筑牢廉洁防线", "廉政专题学习,学习典型案例通报", "廉政专题学习会"],
    "警示教育": ["观看警示教育片,以案促教", "警示教育大会,通报违纪违法典型案例", "以案示警,开展警示教育"],
    "党课": ["书记讲党课:学习党的二十大精神", "专题党课,传承红色基因", "党课:坚定理想信念,勇于担当作为"],
    "三会一课": ["三会一课:集中学习", "三会一课,学习习近平总书记重要讲话"],
    "支部委员会": ["支部委员会会议,研究月度工作", "支委会:研究发展党员和党费收缴", "支部委员会会议"],
    "党员大会": ["党员大会,通报支部工作", "党员大会:学习贯彻全会精神", "季度党员大会"],
    "主题党日": ["主题党日:重温入党誓词", "主题党日,学习\"两个确立\",坚定\"四个自信\"", "主题党日活动:参观红色教育基地", "主题党日,清洁家园志愿行动"],
    "组织生活会": ["年度组织生活会,开展批评和自我批评", "专题组织生活会"],
    "民主评议党员": ["民主评议党员大会", "年度民主评议党员,测评打分"],
    "民主生活会": ["党工委班子民主生活会", "专题民主生活会,对照检查"],
    "中心组学习": ["党工委理论学习中心组学习", "中心组学习:党的二十大报告,第一议题", "理论学习中心组专题学习"],
    "巡察": ["常规巡察进驻", "巡察反馈,督促整改"],
    "专题会议": ["党风廉政建设专题会议", "全面从严治党专题会议,部署年度任务", "疫情防控专题会议"],
    "三会一课检查": ["三会一课落实情况检查"],
    "入党宣誓": ["新党员入党宣誓仪式"],
    "英模宣讲": ["英模事迹宣讲,进校园", "英烈故事宣讲会"],
    "志愿服务": ["疫情防控志愿服务,守护社区平安", "文明城市创建志愿服务,清理楼道杂物", "关爱空巢老人志愿服务", "“我为群众办实事”志愿服务", "核酸检测点志愿服务,维持秩序", "垃圾分类宣传志愿服务", "防汛值守志愿服务,排查隐患"],
    "帮扶走访": ["走访帮扶对象,宣传就业政策", "入户走访,开展就业技能培训宣传", "帮扶走访,推荐就业岗位", "走访困难家庭,了解就业需求"],
    "评先评优": ["“两优一先”评选推荐", "评选优秀共产党员"],
    "发展党员": ["发展对象考察,讨论接收预备党员", "支部大会讨论接收预备党员"],
    "纪检业务培训": ["纪检委员业务培训,学习监督执纪工作规则", "纪检委员业务能力提升培训"],
    "其他": ["党费收缴,核对党员信息", "党员积分制管理评分", "更新党建阵地宣传栏", "党员信息库核对,整理党员档案"],
]
func titles(_ type: String) -> [String] { titlePool[type] ?? ["其他"] }

// MARK: - Sample (SampleData)

struct Person { let name: String; let unit: String; let role: String }
struct Unit { let name: String; let kind: String; let parent: String }

struct Rec {
    var doy: Int          // day of year, 0-based; -1 means "the impossible 2022-02-30"
    var minute: Int       // minutes since midnight
    var org: String
    var type: String
    var title: String
    var participants: Int
    var lead: String
    var target: String
    var seq: Int = 0      // insertion order, tie-breaker for sorting
}

let dgw = "龙门街道党工委"
let jgw = "龙门街道纪工委"
let communityBranches = ["宝胜寺社区党支部", "龙门社区党支部", "会展社区党支部", "空港社区党支部", "将军路社区党支部", "古镇社区党支部"]
let organBranches = ["街道机关第一党支部", "街道机关第二党支部"]
let secretaryDGW = "陈建国"
let members = ["王志强", "李秀英", "张德明", "刘芳", "杨明辉"]
let secretaryJGW = "周晓东"
let branchSecretaries = ["何丽娟", "赵国平", "孙永红", "黄建华", "吴桂芳", "郑志勇", "罗晓燕", "马俊杰"]
/// Each 党工委委员's 联系点 branch (same index as `members`).
let contactBranch = ["宝胜寺社区党支部", "龙门社区党支部", "会展社区党支部", "空港社区党支部", "将军路社区党支部"]

// Deliberate shortfalls (documented in SampleData/README.md).
let branchMissingQ3 = "古镇社区党支部"          // no 思想动态分析研判 in Q3 -> 3 in the year
let branchFewLianzheng = "空港社区党支部"        // only 4 廉政专题学习
let inspectionsJGW = 11                           // 明察暗访 by 纪工委 (needs 12)
let lateMember = "刘芳"                           // 党课 only on 09-15, none by 07-01
let silentBranch = "街道机关第二党支部"           // no records at all
let unknownUnit = "龙门街道老干部党支部"

func secretary(of branch: String) -> String {
    let all = communityBranches + organBranches
    return branchSecretaries[all.firstIndex(of: branch)!]
}

func sampleUnits() -> [Unit] {
    var u = [Unit(name: dgw, kind: "党工委", parent: ""), Unit(name: jgw, kind: "纪工委", parent: dgw)]
    for b in communityBranches { u.append(Unit(name: b, kind: "社区党支部", parent: dgw)) }
    for b in organBranches { u.append(Unit(name: b, kind: "机关党支部", parent: dgw)) }
    return u
}
func samplePeople() -> [Person] {
    var p = [Person(name: secretaryDGW, unit: dgw, role: "党工委书记")]
    for m in members { p.append(Person(name: m, unit: dgw, role: "党工委委员")) }
    p.append(Person(name: secretaryJGW, unit: jgw, role: "纪工委书记"))
    for (i, b) in (communityBranches + organBranches).enumerated() {
        p.append(Person(name: branchSecretaries[i], unit: b, role: "支部书记"))
    }
    return p
}

func buildSampleRecords(seed: UInt64) -> [Rec] {
    var r = SplitMix64(seed: seed)
    var recs = [Rec]()
    var seen = Set<String>()   // membership only, never iterated (iteration order is per-process random)
    func time(_ r: inout SplitMix64) -> Int { r.int(8 * 6, 19 * 6) * 10 }
    func add(_ day: Int, _ org: String, _ type: String, _ title: String? = nil, part: ClosedRange<Int> = 8...60,
             lead: String, target: String = "") {
        // Accidental duplicates (same day, org, type, title) are avoided: the sample holds
        // exactly one deliberate duplicate. Re-pick a random title, else move one day (same month).
        var t = title ?? r.pick(titles(type))
        var day = day
        func key() -> String { "\(day)|\(org)|\(type)|\(t)" }
        var tries = 0
        while seen.contains(key()) {
            tries += 1
            if title == nil && tries < 20 { t = r.pick(titles(type)); continue }
            let (m, d) = monthDay(day)
            day = d < monthDays2022[m - 1] ? day + 1 : day - 1
        }
        seen.insert(key())
        recs.append(Rec(doy: day, minute: time(&r), org: org, type: type, title: t,
                        participants: r.int(part.lowerBound, part.upperBound), lead: lead, target: target))
    }

    // --- 党工委 (org 龙门街道党工委) -------------------------------------------------
    // S000-01: 党建工作汇报, one a month plus one extra in June -> 13 (needs 12).
    for m in 1...12 { add(randomDay(&r, m, 5, m, 25), dgw, "党建工作汇报", part: 10...25, lead: secretaryDGW) }
    add(randomDay(&r, 6, 26, 6, 30), dgw, "党建工作汇报", "听取“七一”前基层党建重点任务推进情况汇报", part: 10...25, lead: secretaryDGW)
    // S000-02: 宣传教育活动, monthly plus two -> 14 (needs 12).
    for m in 1...12 { add(randomDay(&r, m, 1, m, 28), dgw, "宣传教育活动", part: 30...60, lead: r.pick(members)) }
    add(randomDay(&r, 7, 1, 7, 1), dgw, "宣传教育活动", "庆祝建党101周年,“党旗在基层一线高高飘扬”宣传教育活动", part: 40...60, lead: secretaryDGW)
    add(randomDay(&r, 10, 17, 10, 31), dgw, "宣传教育活动", "学习宣传贯彻党的二十大精神,大型宣讲活动", part: 40...60, lead: secretaryDGW)
    // S000-03: 培训, 14 sessions of 38..60 participants -> at least 532 (needs 500).
    for i in 0..<14 {
        let m = 1 + (i * 12) / 14
        add(randomDay(&r, m, 3, m, 27), dgw, "培训", part: 38...60, lead: r.pick(members))
    }
    // S000-06/07: 意识形态专题研究 in 年初/年中/年末 windows and 5 in the year (needs 4).
    add(doy(1, 18), dgw, "意识形态专题研究", "研究制定2022年意识形态工作计划", part: 8...15, lead: secretaryDGW)
    add(doy(4, 20), dgw, "意识形态专题研究", part: 8...15, lead: secretaryDGW)
    add(doy(7, 14), dgw, "意识形态专题研究", "年中意识形态工作专题研究,分析研判网络舆情", part: 8...15, lead: secretaryDGW)
    add(doy(10, 19), dgw, "意识形态专题研究", part: 8...15, lead: secretaryDGW)
    add(doy(12, 15), dgw, "意识形态专题研究", "总结2022年意识形态工作,研究明年思路", part: 8...15, lead: secretaryDGW)
    // S001-05: 常规巡察 of all six community branches.
    for (i, b) in communityBranches.enumerated() {
        let m = 3 + i + (i >= 3 ? 2 : 0)   // Mar, Apr, May, Aug, Sep, Oct
        add(randomDay(&r, m, 8, m, 20), dgw, "巡察", "对" + b + "开展常规巡察", part: 8...12, lead: secretaryDGW, target: b)
    }
    add(randomDay(&r, 11, 7, 11, 18), dgw, "巡察", "专项巡察,聚焦重点领域制度建设", part: 8...12, lead: secretaryDGW)
    // S001-02/03: each 委员's quarterly 意识形态 analysis and half-yearly report.
    for (i, m) in members.enumerated() {
        for q in 1...4 {
            let (lo, hi) = quarterRange(q)
            add(lo + 20 + i * 9 + r.int(0, 5), dgw, "思想动态分析研判", "第\(["一", "二", "三", "四"][q - 1])季度分管领域意识形态领域情况分析研判", part: 8...20, lead: m)
        }
        add(doy(6, 20 + i), dgw, "意识形态工作报告", "上半年分管领域意识形态工作情况报告", part: 8...15, lead: m)
        add(doy(12, 20 + i), dgw, "意识形态工作报告", "下半年分管领域意识形态工作情况报告", part: 8...15, lead: m)
    }
    // S001-04: 帮扶走访 every Wednesday, plus Sat 01-01 and Sat 12-31 (covers any week convention).
    var visits = [0, 364]
    for d in stride(from: 4, through: 364, by: 7) { visits.append(d) }
    visits.sort()
    for (k, d) in visits.enumerated() { add(d, dgw, "帮扶走访", part: 8...15, lead: members[k % members.count]) }
    // Filler for the 党工委: monthly 中心组学习, 民主生活会, 专题会议, 其他, the 书记's 党课.
    for m in 1...12 { add(randomDay(&r, m, 6, m, 26), dgw, "中心组学习", part: 10...20, lead: secretaryDGW) }
    add(doy(1, 25), dgw, "民主生活会", "党工委班子2021年度民主生活会", part: 10...16, lead: secretaryDGW)
    for _ in 0..<6 { add(r.int(0, 364), dgw, "专题会议", part: 10...30, lead: secretaryDGW) }
    for _ in 0..<10 { add(r.int(0, 364), dgw, "其他", part: 8...20, lead: r.pick(members)) }
    add(doy(6, 28), "会展社区党支部", "党课", "党工委书记讲党课:以史为鉴,开创未来", part: 30...50, lead: secretaryDGW)

    // --- 纪工委 ----------------------------------------------------------------------
    // S000-09: 11 明察暗访 (needs 12); the impossible 2022-02-30 one is added at write time.
    let inspectionMonths = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]
    precondition(inspectionMonths.count == inspectionsJGW)
    for (k, m) in inspectionMonths.enumerated() {
        add(randomDay(&r, m, 3, m, 27), jgw, "明察暗访", part: 8...12, lead: secretaryJGW,
            target: (communityBranches + ["街道机关第一党支部"])[k % 7])
    }
    add(doy(3, 16), jgw, "纪检业务培训", part: 12...20, lead: secretaryJGW)
    add(doy(9, 21), jgw, "纪检业务培训", part: 12...20, lead: secretaryJGW)
    for _ in 0..<8 { add(r.int(0, 364), jgw, r.pick(["谈心谈话", "其他", "专题会议"]), part: 8...15, lead: secretaryJGW) }

    // --- Branches ----------------------------------------------------------------------
    for b in communityBranches + organBranches where b != silentBranch {
        let sec = secretary(of: b)
        let community = communityBranches.contains(b)
        // S000-04/05: 思想动态分析研判 each quarter (one branch skips Q3), sometimes twice.
        for q in 1...4 {
            if b == branchMissingQ3 && q == 3 { continue }
            let (lo, hi) = quarterRange(q)
            add(r.int(lo + 10, hi - 10), b, "思想动态分析研判", part: 8...30, lead: sec)
            if r.chance(25) && b != branchMissingQ3 { add(r.int(lo + 5, hi - 5), b, "思想动态分析研判", part: 8...30, lead: sec) }
        }
        // S000-10: 廉政专题学习, 6..8 (one branch only 4).
        let lz = b == branchFewLianzheng ? 4 : r.int(6, 8)
        for k in 0..<lz { add(r.int(k * 364 / lz, (k + 1) * 364 / lz - 1), b, "廉政专题学习", part: 10...45, lead: sec) }
        // S000-11: 警示教育, 6..8.
        let jx = r.int(6, 8)
        for k in 0..<jx { add(r.int(k * 364 / jx, (k + 1) * 364 / jx - 1), b, "警示教育", part: 10...45, lead: sec) }
        // S001-01: the 联系点 党课 by a 党工委委员 (the late one only in September).
        if let mi = contactBranch.firstIndex(of: b) {
            let m = members[mi]
            let day = m == lateMember ? doy(9, 15) : randomDay(&r, 6, 10, 6, 30)
            add(day, b, "党课", "党工委委员" + m + "讲党课:喜迎二十大,永远跟党走", part: 20...50, lead: m)
        }
        // Filler: 支部委员会 and 主题党日 monthly, 党员大会 and 党课 quarterly, and the rest.
        for m in 1...12 {
            add(randomDay(&r, m, 1, m, 10), b, "支部委员会", part: 8...12, lead: sec)
            add(randomDay(&r, m, 1, m, 15), b, "主题党日", part: 15...50, lead: sec)
        }
        for q in 1...4 {
            let (lo, hi) = quarterRange(q)
            add(r.int(lo, hi), b, "党员大会", part: 15...50, lead: sec)
            add(r.int(lo, hi), b, "党课", part: 15...50, lead: sec)
            add(r.int(lo, hi), b, "三会一课", part: 15...40, lead: sec)
        }
        add(randomDay(&r, 1, 10, 2, 20), b, "组织生活会", part: 15...45, lead: sec)
        add(randomDay(&r, 1, 10, 2, 20), b, "民主评议党员", part: 15...45, lead: sec)
        add(randomDay(&r, 5, 10, 6, 25), b, "评先评优", part: 10...30, lead: sec)
        add(randomDay(&r, 3, 1, 6, 28), b, "发展党员", part: 10...30, lead: sec)
        if r.chance(50) { add(randomDay(&r, 9, 1, 12, 20), b, "发展党员", part: 10...30, lead: sec) }
        let volunteer = community ? r.int(120, 150) : r.int(40, 55)
        for _ in 0..<volunteer { add(r.int(0, 364), b, "志愿服务", part: 8...40, lead: sec) }
        for _ in 0..<r.int(18, 28) { add(r.int(0, 364), b, "谈心谈话", part: 8...10, lead: sec) }
        for _ in 0..<r.int(15, 30) { add(r.int(0, 364), b, "其他", part: 8...30, lead: sec) }
    }
    for i in recs.indices { recs[i].seq = i }
    recs.sort { ($0.doy, $0.minute, $0.seq) < ($1.doy, $1.minute, $1.seq) }
    return recs
}

enum SampleFile { case app, gbk, baoshengsi }
func fileFor(_ org: String) -> SampleFile {
    switch org {
    case "宝胜寺社区党支部": return .baoshengsi
    case "空港社区党支部", "将军路社区党支部", "古镇社区党支部", unknownUnit: return .gbk
    default: return .app
    }
}

func writeSample(outDir: String, seed: UInt64) {
    let recs = buildSampleRecords(seed: seed)
    var app = "id,date,org,type,title,participants,lead,target\n"
    var gbk = "序号,活动日期,党组织,活动类型,活动主题,参加人数,主持人,检查对象\r\n"
    var bss = "\u{FEFF}日期,支部,类型,主题,人数,主讲人\n"
    // The same branch sheet as a clerk keeps it in Excel: a title row, real date cells, counts as numbers.
    var bssSheet = SheetWriter(title: "2022年宝胜寺社区党支部活动台账", header: ["日期", "支部", "类型", "主题", "人数", "主讲人"])
    var appID = 0, gbkNo = 0, bssRows = 0
    var addedBadDate = false, addedDuplicate = false, addedUnknown = false
    func appLine(_ x: Rec, dateText: String? = nil) {
        appID += 1
        let (m, d) = monthDay(x.doy)
        let date = dateText ?? "2022-\(pad(m, 2))-\(pad(d, 2)) \(pad(x.minute / 60, 2)):\(pad(x.minute % 60, 2))"
        app += csvLine(["APP-" + pad(appID, 6), date, x.org, x.type, x.title, String(x.participants), x.lead, x.target], "\n")
    }
    for x in recs {
        let (m, d) = monthDay(x.doy)
        // Bad row 1: an impossible date, right after the last February record of the app export.
        if !addedBadDate && m >= 3 {
            addedBadDate = true
            appLine(Rec(doy: 0, minute: 570, org: jgw, type: "明察暗访", title: "春节后明察暗访,检查上班纪律",
                        participants: 9, lead: secretaryJGW, target: "会展社区党支部"), dateText: "2022-02-30 09:30")
        }
        // Bad row 3: a unit that is not in the roster (GBK export, around 七一).
        if !addedUnknown && x.doy >= doy(7, 1) {
            addedUnknown = true
            gbkNo += 1
            gbk += csvLine([String(gbkNo), "2022/7/1", unknownUnit, "主题党日", "庆祝建党101周年主题党日,重温入党誓词", "26", "钱文彬", ""], "\r\n")
        }
        switch fileFor(x.org) {
        case .app:
            appLine(x)
            // Bad row 2: an exact duplicate (same date, org, type, title, ...) of one 主题党日 row.
            if !addedDuplicate && x.org == "龙门社区党支部" && x.type == "主题党日" && m == 5 {
                addedDuplicate = true
                appLine(x)
            }
        case .gbk:
            gbkNo += 1
            gbk += csvLine([String(gbkNo), "2022/\(m)/\(d)", x.org, x.type, x.title, String(x.participants), x.lead, x.target], "\r\n")
        case .baoshengsi:
            bssRows += 1
            bss += csvLine(["2022年\(m)月\(d)日", x.org, x.type, x.title, "\(x.participants)人", x.lead], "\n")
            bssSheet.row(date: 44_561 + x.doy + 1, texts: [x.org, x.type, x.title], count: x.participants, lead: x.lead)
        }
    }
    precondition(addedBadDate && addedDuplicate && addedUnknown)

    var units = "name,kind,parent\n"
    for u in sampleUnits() { units += csvLine([u.name, u.kind, u.parent], "\n") }
    var people = "name,unit,role\n"
    for p in samplePeople() { people += csvLine([p.name, p.unit, p.role], "\n") }

    makeDir(outDir)
    // Records go in their own folder so `plancheck check … SampleData/records` reads only records.
    makeDir(outDir + "/records")
    writeBytes(Array(app.utf8), to: outDir + "/records/app-export-2022.csv")
    writeBytes(toGB18030(gbk), to: outDir + "/records/excel-gbk-2022.csv")
    writeBytes(Array(bss.utf8), to: outDir + "/records/branch-baoshengsi-2022.csv")
    writeBytes(Array(units.utf8), to: outDir + "/roster-units.csv")
    writeBytes(Array(people.utf8), to: outDir + "/roster-people.csv")
    // Workbooks in their own folder too: the branch sheet again, as .xlsx (not read with records/).
    makeDir(outDir + "/workbooks")
    writeBytes(bssSheet.xlsx(sheetName: "活动记录"), to: outDir + "/workbooks/branch-baoshengsi-2022.xlsx")
    print("plancheck-gen: wrote \(appID + gbkNo + bssRows) records (app \(appID), gbk \(gbkNo), branch sheet \(bssRows)) to \(outDir)")
    writeBureau(outDir: outDir + "/bureau", seed: seed)
}

// MARK: - Bureau sample (plans 002, 003, 004)

/// UTF-8 -> UTF-16LE with a BOM (Excel's "Unicode text" export).
func toUTF16LEWithBOM(_ s: String) -> [UInt8] {
    var out: [UInt8] = [0xFF, 0xFE]
    for u in s.utf16 { out.append(UInt8(u & 0xFF)); out.append(UInt8(u >> 8)) }
    return out
}

/// A district bureau (区退役军人事务局) whose 2022 year-end review (seed 004) claims monthly 主题党日,
/// monthly checks of 三会一课, 31 英模宣讲 … Its records, exported as Excel "Unicode text" (UTF-16LE,
/// tabs), let plans 002–004 check those claims. Deliberate shortfalls: no 主题党日 in August 2022 (S004-03),
/// and 局机关第二党支部 developed its new member in September, after 七一 (S002-02).
func writeBureau(outDir: String, seed: UInt64) {
    var r = SplitMix64(seed: seed &+ 4)
    let dangzu = "区退役军人事务局党组", jiguandangwei = "局机关党委", zongzhi = "局机关党总支"
    let b1 = "局机关第一党支部", b2 = "局机关第二党支部"
    let units: [(String, String, String)] = [
        (dangzu, "党组", ""), (jiguandangwei, "机关党委", dangzu), (zongzhi, "党总支", dangzu),
        (b1, "机关党支部", zongzhi), (b2, "机关党支部", zongzhi),
    ]
    let people: [(String, String, String)] = [
        ("周建国", dangzu, "党组书记"), ("林晓燕", dangzu, "党组成员"), ("黄志刚", zongzhi, "党总支书记"),
        ("孙丽华", b1, "支部书记"), ("马俊杰", b2, "支部书记"),
    ]
    var rows: [[String]] = []   // date, org, type, title, participants, lead
    func add(_ m: Int, _ d: Int, _ org: String, _ type: String, _ title: String, _ n: Int, _ lead: String) {
        rows.append(["2022-\(pad(m, 2))-\(pad(d, 2))", org, type, title, String(n), lead])
    }
    for m in 1...12 {
        add(m, 5, dangzu, "三会一课检查", "借助组织生活APP检查各支部三会一课落实情况", 6, "林晓燕")
        add(m, 12, dangzu, "中心组学习", m == 11 ? "中心组(扩大)学习:党的二十大报告" : "中心组(扩大)学习会", 35 + Int(r.next() % 10), "周建国")
        if m != 8 { add(m, 20, dangzu, "主题党日", m == 7 ? "庆祝建党101周年主题党日" : "主题党日:原原本本读理论著作", 40 + Int(r.next() % 8), "周建国") }
    }
    add(3, 18, dangzu, "志愿服务", "志愿服务队下沉社区,一线疫情防控", 18, "林晓燕")
    add(10, 9, dangzu, "志愿服务", "志愿服务队站好疫情防控最后一班岗", 16, "林晓燕")
    // 31 英模宣讲, 1,740 listeners in all ("全年累计宣讲31场，受众达1732余人").
    var listeners = 0
    for i in 0..<31 {
        let n = i == 30 ? 1740 - listeners : 45 + Int(r.next() % 20)
        listeners += n
        let day = 10 + i * 11
        let (m, d) = monthDay(day)
        add(m, d, dangzu, "英模宣讲", ["英模宣讲团进学校,讲述英烈故事", "英模宣讲进社区", "英模宣讲进企业,弘扬英烈精神"][i % 3], n, "林晓燕")
    }
    add(4, 26, dangzu, "专题会议", "全面从严治党和党风廉政建设专题会议(上半年)", 12, "周建国")
    add(11, 24, dangzu, "专题会议", "党风廉政建设专题会议,系统排查廉政风险点", 12, "周建国")
    add(12, 27, dangzu, "民主生活会", "党组班子2022年度民主生活会", 9, "周建国")
    add(12, 28, jiguandangwei, "民主生活会", "机关党委专题民主生活会", 11, "周建国")
    add(7, 1, zongzhi, "入党宣誓", "新发展党员入党宣誓、重温入党誓词", 28, "黄志刚")
    add(12, 20, zongzhi, "组织生活会", "专题组织生活会,开展批评与自我批评", 30, "黄志刚")
    for (b, lead) in [(b1, "孙丽华"), (b2, "马俊杰")] {
        add(6, 15, b, "评先评优", "“两优一先”评选,推荐优秀共产党员", 14, lead)
        add(b == b1 ? 6 : 9, b == b1 ? 20 : 8, b, "发展党员", "支部大会讨论接收预备党员", 15, lead)
        add(12, 22, b, "组织生活会", "组织生活会暨民主评议党员", 15, lead)
        for m in stride(from: 1, through: 12, by: 1) { add(m, 8, b, "三会一课", "三会一课:集中学习", 12 + Int(r.next() % 5), lead) }
    }
    rows.sort { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }
    var text = "日期\t党组织\t活动类型\t活动主题\t参加人数\t负责人\r\n"
    for row in rows { text += row.joined(separator: "\t") + "\r\n" }
    var u = "name,kind,parent\n"
    for x in units { u += csvLine([x.0, x.1, x.2], "\n") }
    var p = "name,unit,role\n"
    for x in people { p += csvLine([x.0, x.1, x.2], "\n") }
    makeDir(outDir + "/records")
    writeBytes(toUTF16LEWithBOM(text), to: outDir + "/records/bureau-unicode-text-2022.csv")
    writeBytes(Array(u.utf8), to: outDir + "/roster-units.csv")
    writeBytes(Array(p.utf8), to: outDir + "/roster-people.csv")
    print("plancheck-gen: wrote \(rows.count) bureau records to \(outDir)")
}

func makeDir(_ dir: String) {
    do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
    catch { die("cannot create \(dir): \(error)") }
}

// MARK: - Scale

/// Buffered byte writer over a C FILE*; never holds more than `capacity` bytes.
final class ByteWriter {
    private let file: UnsafeMutablePointer<FILE>
    private let buf: UnsafeMutablePointer<UInt8>
    private let capacity = 1 << 20
    private var pos = 0
    private let path: String
    /// When set, buffered UTF-8 is converted to GB18030 as it is written (flushes happen at record
    /// ends, so no character is split).
    private let gb18030: Bool
    init(path: String, gb18030: Bool = false) {
        guard let f = fopen(path, "wb") else { die("cannot open \(path) for writing") }
        file = f; self.path = path; self.gb18030 = gb18030
        buf = .allocate(capacity: capacity)
    }
    /// Ends a record: flushes when the buffer is half full.
    func endRecord() { if pos > capacity / 2 { flush() } }
    @inline(__always) func put(_ b: UInt8) {
        if pos == capacity { flush() }
        buf[pos] = b; pos += 1
    }
    func put(_ bytes: [UInt8]) {
        if bytes.count > capacity - pos { flush() }
        if bytes.count > capacity { bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, file) }; return }
        bytes.withUnsafeBufferPointer { (buf + pos).update(from: $0.baseAddress!, count: $0.count) }
        pos += bytes.count
    }
    /// Non-negative integer, zero-padded to `width` digits.
    func putInt(_ value: Int, width: Int = 0) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value, count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[count] = UInt8(48 + n % 10); n /= 10; count += 1 } while n > 0
            while count < width && count < 20 { d[count] = 48; count += 1 }
            for i in stride(from: count - 1, through: 0, by: -1) { put(d[i]) }
        }
    }
    func flush() {
        if pos > 0 && gb18030 {
            let bytes = toGB18030(String(decoding: UnsafeBufferPointer(start: buf, count: pos), as: UTF8.self))
            let n = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
            if n != bytes.count { die("short write to \(path)") }
            pos = 0
        }
        if pos > 0 {
            let n = fwrite(buf, 1, pos, file)
            if n != pos { die("short write to \(path)") }
            pos = 0
        }
    }
    func close() { flush(); fclose(file); buf.deallocate() }
}

func csvBytes(_ s: String) -> [UInt8] { Array(csvField(s).utf8) }

let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
let givenChars = Array("建国志强秀英德明芳辉晓东丽娟平永红华桂勇燕俊杰文彬海波静敏军伟霞玲涛斌刚超磊洋艳婷鹏飞春梅雪琴宇航佳欣子怡浩然思远嘉豪俊熙雨萱晨阳博文雅琪").map(String.init)
/// Unique, deterministic Chinese name for index i (surname + two given characters).
func personName(_ i: Int) -> String {
    let s = surnames.count, g = givenChars.count
    let a = i % s, b = (i / s) % g, k = (i / (s * g)) % (g - 1)
    let c = (b + 1 + k) % g   // never equal to b, so no "王建建"
    let base = surnames[a] + givenChars[b] + givenChars[c]
    let round = i / (s * g * (g - 1))
    return round == 0 ? base : base + String(round + 1)
}

/// The export shapes of the sample, for scale inputs too.
enum Shape: String {
    /// UTF-8 app export, English headers, `2022-03-05 14:30`, LF (`activities.csv`).
    case app
    /// GB18030 Excel export, Chinese headers, `2022/3/5`, CRLF (`activities-gbk.csv`).
    case gbk
    /// UTF-8-with-BOM branch sheet, `2022年3月5日`, participants like `23人`, no target (`activities-sheet.csv`).
    case sheet

    var fileName: String {
        switch self {
        case .app: return "activities.csv"
        case .gbk: return "activities-gbk.csv"
        case .sheet: return "activities-sheet.csv"
        }
    }
}

/// The order `scale` writes records in: by date (as most exports), newest first, grouped by unit
/// (units in roster order, each in date order), or shuffled.
enum Order: String {
    case date, reverse, unit, random
}

/// The seed of record `i`'s own random stream.
func recordSeed(_ seed: UInt64, _ i: Int) -> UInt64 {
    var z = seed ^ (UInt64(truncatingIfNeeded: i) &* 0xD6E8_FEB8_6659_FD93)
    z = (z ^ (z >> 32)) &* 0xD6E8_FEB8_6659_FD93
    z = (z ^ (z >> 32)) &* 0xD6E8_FEB8_6659_FD93
    return z ^ (z >> 32)
}

/// Which record goes to each position, for the orders that are not an index formula (nil for
/// date and reverse order). Unit order is a counting sort by unit; random order a Fisher–Yates
/// shuffle. 4 bytes per record.
func recordOrder(_ order: Order, records: Int, units: Int, seed: UInt64, unitOf: (Int) -> Int) -> [UInt32]? {
    switch order {
    case .date, .reverse: return nil
    case .unit:
        var start = [Int](repeating: 0, count: units + 1)
        var unitOfRecord = [UInt32](repeating: 0, count: records)
        for i in 0..<records { let u = unitOf(i); unitOfRecord[i] = UInt32(u); start[u + 1] += 1 }
        for u in 0..<units { start[u + 1] += start[u] }
        var out = [UInt32](repeating: 0, count: records)
        for i in 0..<records {
            let u = Int(unitOfRecord[i])
            out[start[u]] = UInt32(i)
            start[u] += 1
        }
        return out
    case .random:
        var out = (0..<records).map { UInt32($0) }
        var r = SplitMix64(seed: seed ^ 0x5EED_0F0E_DE25_0001)
        var i = records - 1
        while i > 0 {
            let j = r.below(i + 1)
            out.swapAt(i, j)
            i -= 1
        }
        return out
    }
}

func writeScale(outDir: String, records: Int, unitCount: Int, seed: UInt64, shape: Shape = .app, order: Order = .date) {
    if records > Int(UInt32.max) { die("--records must be at most \(UInt32.max)") }
    if unitCount < 3 { die("--units must be at least 3 (党工委, 纪工委 and one branch)") }
    if records < 0 { die("--records must be >= 0") }
    makeDir(outDir)
    var r = SplitMix64(seed: seed)
    let width = max(5, String(unitCount).count)
    let dgwName = "规模测试街道党工委", jgwName = "规模测试街道纪工委"
    var unitNames = [dgwName, jgwName]
    var kinds = ["党工委", "纪工委"]
    for i in 2..<unitCount {
        let kind = r.chance(70) ? "社区党支部" : "机关党支部"
        unitNames.append("第" + pad(i - 1, width) + kind)
        kinds.append(kind)
    }
    // People: 党工委书记, 5 委员, 纪工委书记, one 支部书记 per branch.
    var leads = [String](repeating: "", count: unitCount)   // default lead per unit
    var committee = [String]()
    var pw = "name,unit,role\n"
    var nameIndex = 0
    func nextName() -> String { defer { nameIndex += 1 }; return personName(nameIndex) }
    let sec = nextName(); pw += csvLine([sec, dgwName, "党工委书记"], "\n"); committee.append(sec); leads[0] = sec
    for _ in 0..<5 { let n = nextName(); committee.append(n); pw += csvLine([n, dgwName, "党工委委员"], "\n") }
    let jsec = nextName(); pw += csvLine([jsec, jgwName, "纪工委书记"], "\n"); leads[1] = jsec
    let uw = ByteWriter(path: outDir + "/roster-units.csv")
    uw.put(Array("name,kind,parent\n".utf8))
    uw.put(Array(csvLine([dgwName, "党工委", ""], "\n").utf8))
    uw.put(Array(csvLine([jgwName, "纪工委", dgwName], "\n").utf8))
    let peopleW = ByteWriter(path: outDir + "/roster-people.csv")
    peopleW.put(Array(pw.utf8))
    for i in 2..<unitCount {
        uw.put(Array(csvLine([unitNames[i], kinds[i], dgwName], "\n").utf8))
        let n = nextName(); leads[i] = n
        peopleW.put(Array(csvLine([n, unitNames[i], "支部书记"], "\n").utf8))
    }
    uw.close(); peopleW.close()

    // Pre-encoded CSV fields.
    let orgBytes = unitNames.map(csvBytes)
    let leadBytes = leads.map(csvBytes)
    let committeeBytes = committee.map(csvBytes)
    let typeBytes = vocabulary.map(csvBytes)
    let titleBytes: [[[UInt8]]] = vocabulary.map { t in titles(t).map(csvBytes) }
    let oddTitles: [[UInt8]] = [
        "学习\"两个确立\",坚定\"四个自信\"",
        "主题党日:\"我为群众办实事\"\n走访困难群众",
        "会议纪要,\"三重一大\"事项,集体研究",
        "支部书记讲党课\n(第二部分)",
    ].map(csvBytes)
    let monthStarts = monthStart2022
    let w = ByteWriter(path: outDir + "/" + shape.fileName, gb18030: shape == .gbk)
    switch shape {
    case .app: w.put(Array("id,date,org,type,title,participants,lead,target\n".utf8))
    case .gbk: w.put(Array("序号,活动日期,党组织,活动类型,活动主题,参加人数,主持人,检查对象\r\n".utf8))
    case .sheet: w.put(Array("\u{FEFF}日期,支部,类型,主题,人数,主讲人\n".utf8))
    }
    let chineseYear = Array("2022年".utf8), chineseMonth = Array("月".utf8), chineseDay = Array("日".utf8), ren = Array("人".utf8)
    let idWidth = max(8, String(records).count)
    let xunchaIndex = vocabulary.firstIndex(of: "巡察")!, mingchaIndex = vocabulary.firstIndex(of: "明察暗访")!
    let branchCount = unitCount - 2
    // Each record's content depends only on its index i (its own random stream), so that every
    // order writes the same records: only their positions differ.
    func unitOf(_ i: Int) -> Int {
        var r = SplitMix64(seed: recordSeed(seed, i))
        _ = r.int(8 * 60, 20 * 60)
        let roll = r.below(100)
        return roll < 2 ? 0 : (roll < 4 ? 1 : 2 + r.below(branchCount))
    }
    let positions = recordOrder(order, records: records, units: unitCount, seed: seed, unitOf: unitOf)
    for k in 0..<records {
        let i = positions.map { Int($0[k]) } ?? (order == .reverse ? records - 1 - k : k)
        var r = SplitMix64(seed: recordSeed(seed, i))
        // Record i's day is i*365/N: in date order the days ascend; random time of day.
        let day = Int((Int64(i) * 365) / Int64(max(records, 1)))
        var month = 12
        while monthStarts[month - 1] > day { month -= 1 }
        let dom = day - monthStarts[month - 1] + 1
        let minute = r.int(8 * 60, 20 * 60)
        // 党工委 and 纪工委 each get ~2% of records, the rest go to branches.
        let roll = r.below(100)
        let unit = roll < 2 ? 0 : (roll < 4 ? 1 : 2 + r.below(branchCount))
        var type = r.below(vocabulary.count)
        if unit == 1 && r.chance(50) { type = mingchaIndex }
        let title = r.below(1000) < 15 ? oddTitles[r.below(oddTitles.count)] : r.pick(titleBytes[type])
        let participants = r.int(8, 60)
        let lead = unit == 0 ? committeeBytes[r.below(committeeBytes.count)] : leadBytes[unit]
        let target = type == xunchaIndex || type == mingchaIndex ? orgBytes[2 + r.below(branchCount)] : []
        switch shape {
        case .app:
            w.put(Array("APP-".utf8)); w.putInt(i + 1, width: idWidth); w.put(44)
            w.put(Array("2022-".utf8)); w.putInt(month, width: 2); w.put(45); w.putInt(dom, width: 2); w.put(32)
            w.putInt(minute / 60, width: 2); w.put(58); w.putInt(minute % 60, width: 2); w.put(44)
            w.put(orgBytes[unit]); w.put(44); w.put(typeBytes[type]); w.put(44); w.put(title); w.put(44)
            w.putInt(participants); w.put(44); w.put(lead); w.put(44); w.put(target); w.put(10)
        case .gbk:
            w.putInt(i + 1); w.put(44)
            w.put(Array("2022/".utf8)); w.putInt(month); w.put(47); w.putInt(dom); w.put(44)
            w.put(orgBytes[unit]); w.put(44); w.put(typeBytes[type]); w.put(44); w.put(title); w.put(44)
            w.putInt(participants); w.put(44); w.put(lead); w.put(44); w.put(target); w.put(13); w.put(10)
        case .sheet:
            w.put(chineseYear); w.putInt(month); w.put(chineseMonth); w.putInt(dom); w.put(chineseDay); w.put(44)
            w.put(orgBytes[unit]); w.put(44); w.put(typeBytes[type]); w.put(44); w.put(title); w.put(44)
            w.putInt(participants); w.put(ren); w.put(44); w.put(lead); w.put(10)
        }
        w.endRecord()
    }
    w.close()
    print("plancheck-gen: wrote \(records) records (\(shape.rawValue) shape, \(order.rawValue) order, \(shape.fileName)) for \(unitCount) units to \(outDir)")
}

// MARK: - CLI

func usage() -> Never {
    die("""
    usage:
      plancheck-gen sample --out DIR [--seed 2022]
      plancheck-gen scale --records N --units U --out DIR [--seed S] [--shape app|gbk|sheet]
                           [--order date|reverse|unit|random]
    """)
}

func runCLI() {
    var args = Array(CommandLine.arguments.dropFirst())
    guard let mode = args.first else { usage() }
    args.removeFirst()
    var options = [(String, String)]()
    var ai = 0
    while ai < args.count {
        let a = args[ai]
        guard a.hasPrefix("--"), ai + 1 < args.count else { die("bad argument \(a)") }
        options.append((String(a.dropFirst(2)), args[ai + 1]))
        ai += 2
    }
    func opt(_ name: String) -> String? { options.last(where: { $0.0 == name })?.1 }
    func intOpt(_ name: String) -> Int? {
        guard let v = opt(name) else { return nil }
        guard let n = Int(v) else { die("--\(name) needs an integer, got \(v)") }
        return n
    }
    for (k, _) in options where !["out", "seed", "records", "units", "shape", "order"].contains(k) { die("unknown option --\(k)") }
    let seedValue = UInt64(truncatingIfNeeded: intOpt("seed") ?? 2022)
    switch mode {
    case "sample":
        writeSample(outDir: opt("out") ?? "SampleData", seed: seedValue)
    case "scale":
        guard let n = intOpt("records"), let u = intOpt("units"), let out = opt("out") else { usage() }
        guard let shape = Shape(rawValue: opt("shape") ?? "app") else { die("--shape must be app, gbk or sheet") }
        guard let order = Order(rawValue: opt("order") ?? "date") else { die("--order must be date, reverse, unit or random") }
        writeScale(outDir: out, records: n, unitCount: u, seed: seedValue, shape: shape, order: order)
    default:
        usage()
    }
}

runCLI()

// MARK: - A minimal .xlsx writer (stored ZIP entries, inline strings), byte-identical on every run

/// One sheet of an Excel workbook: a title row, a header row, then records with a real date cell
/// (format yyyy"年"m"月"d"日") and the count as a number shown as 12人.
struct SheetWriter {
    var rows: [String] = []
    var next = 1

    init(title: String, header: [String]) {
        rows.append(rowXML(next, header.isEmpty ? [] : [cell(0, next, text: title)])); next += 1
        rows.append(rowXML(next, header.enumerated().map { cell($0.offset, next, text: $0.element) })); next += 1
    }

    func xmlEscape(_ s: String) -> String {
        var o = ""
        for c in s { switch c { case "&": o += "&amp;"; case "<": o += "&lt;"; case ">": o += "&gt;"; case "\"": o += "&quot;"; default: o.append(c) } }
        return o
    }
    func ref(_ col: Int, _ row: Int) -> String { String(UnicodeScalar(UInt8(65 + col))) + String(row) }
    func cell(_ col: Int, _ row: Int, text: String) -> String {
        "<c r=\"\(ref(col, row))\" t=\"inlineStr\"><is><t>\(xmlEscape(text))</t></is></c>"
    }
    func rowXML(_ r: Int, _ cells: [String]) -> String { "<row r=\"\(r)\">" + cells.joined() + "</row>" }

    /// A record: date serial (1900 system), org, type, title, count, lead.
    mutating func row(date: Int, texts: [String], count: Int, lead: String) {
        var cells = ["<c r=\"\(ref(0, next))\" s=\"1\"><v>\(date)</v></c>"]
        for (i, t) in texts.enumerated() { cells.append(cell(i + 1, next, text: t)) }
        cells.append("<c r=\"\(ref(4, next))\" s=\"2\"><v>\(count)</v></c>")
        cells.append(cell(5, next, text: lead))
        rows.append(rowXML(next, cells))
        next += 1
    }

    func xlsx(sheetName: String) -> [UInt8] {
        let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let ct = "http://schemas.openxmlformats.org/package/2006/content-types"
        let ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        let parts: [(String, String)] = [
            ("[Content_Types].xml", head + "<Types xmlns=\"\(ct)\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(ml).sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"\(ml).worksheet+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(ml).styles+xml\"/></Types>"),
            ("_rels/.rels", head + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", head + "<workbook \(ns) xmlns:r=\"\(rel)\"><sheets><sheet name=\"\(xmlEscape(sheetName))\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", head + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/></Relationships>"),
            ("xl/styles.xml", head + "<styleSheet \(ns)><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/><numFmt numFmtId=\"165\" formatCode=\"0&quot;人&quot;\"/></numFmts>"
                + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"宋体\"/></font></fonts><fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills><borders count=\"1\"><border/></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
                + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"),
            ("xl/worksheets/sheet1.xml", head + "<worksheet \(ns)><sheetData>" + rows.joined() + "</sheetData></worksheet>"),
        ]
        return storedZip(parts.map { ($0.0, Array($0.1.utf8)) })
    }
}

/// A ZIP archive of stored (uncompressed) entries with a fixed date, so the bytes never vary.
func storedZip(_ entries: [(String, [UInt8])]) -> [UInt8] {
    var table = [UInt32](repeating: 0, count: 256)
    for i in 0..<256 { var c = UInt32(i); for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }; table[i] = c }
    func crc(_ b: [UInt8]) -> Int { var c: UInt32 = 0xFFFF_FFFF; for x in b { c = table[Int((c ^ UInt32(x)) & 0xFF)] ^ (c >> 8) }; return Int(c ^ 0xFFFF_FFFF) }
    func le(_ v: Int, _ n: Int) -> [UInt8] { (0..<n).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    var out: [UInt8] = [], central: [UInt8] = []
    for (name, data) in entries {
        let n = Array(name.utf8), c = crc(data), offset = out.count
        let common = le(20, 2) + le(0x0800, 2) + le(0, 2) + le(0, 2) + le(0x21, 2) + le(c, 4) + le(data.count, 4) + le(data.count, 4) + le(n.count, 2) + le(0, 2)
        out += le(0x0403_4B50, 4) + common + n + data
        central += le(0x0201_4B50, 4) + le(20, 2) + common + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(offset, 4) + n
    }
    let cd = out.count
    out += central + le(0x0605_4B50, 4) + le(0, 4) + le(entries.count, 2) + le(entries.count, 2) + le(central.count, 4) + le(cd, 4) + le(0, 2)
    return out
}
