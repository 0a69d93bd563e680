/// The check report as one self-contained HTML page (no scripts, no external resources).
public enum HTMLCheckReporter: CheckReporter {
    public static let format = "html"

    /// Writes the page a row at a time (never the whole page in memory), at most
    /// ``HTML/maxRows`` findings; past that one row says how many more the CSV report has.
    public static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions) {
        let e = HTML.escape
        var head = "<h1>plancheck \(r.year) 年度检查 · 检查日 \(r.asOf.iso)</h1>\n"
        head += "<p>计划：\(e(r.planPaths.joined(separator: ", ")))；记录：读取 \(r.read.rowsRead) 行，接受 \(r.read.accepted) 行，拒绝 \(r.read.rejected) 行</p>\n"
        let c = r.statusCounts
        head += "<p class=summary>" + e(Messages.text("report.total", o.lang, r.ruleFindings.count, c[.met] ?? 0, c[.missed] ?? 0, c[.atRisk] ?? 0,
                                                        c[.onTrack] ?? 0, c[.upcoming] ?? 0, c[.warning] ?? 0)) + "</p>\n"
        head += "<table>\n<thead><tr><th>状态</th><th>规则</th><th>标题</th><th>单位</th><th>人员</th><th>周期</th><th>要求</th><th>实际</th><th>缺口</th><th>说明</th><th>依据</th></tr></thead>\n<tbody>\n"
        sink.write(HTML.pageHead(title: "plancheck \(r.year) 检查报告") + head)
        var shown = 0, more = 0
        for f in r.findings where !o.quiet || f.status.isProblem {
            if shown == HTML.maxRows { more += 1; continue }
            shown += 1
            sink.write("<tr class=\"\(f.status.rawValue)\"><td>\(f.status.label(o.lang))</td><td>\(e(f.rule))</td><td>\(e(f.title))</td><td>\(e(f.org))</td><td>\(e(f.person))</td><td>\(e(f.period))</td><td class=n>\(f.required)</td><td class=n>\(f.actual)</td><td class=n>\(f.shortfall)</td><td>\(e(f.advice(asOf: r.asOf, lang: o.lang)))</td><td class=src>\(e(f.source))</td></tr>\n")
        }
        if more > 0 { sink.write(HTML.moreRow(more, columns: 11, lang: o.lang)) }
        var tail = "</tbody></table>\n"
        if !r.read.rejections.isEmpty {
            tail += "<h2>拒绝的行</h2>\n<ul>\n" + r.read.rejections.map { "<li>\(e($0.location)): \(e($0.message(o.lang)))</li>" }.joined(separator: "\n") + "\n</ul>\n"
        }
        sink.write(tail + "\n" + HTML.pageTail)
    }
}

/// HTML helpers shared by the HTML reporters.
public enum HTML {
    /// Escapes text for element content and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Most table rows an HTML report shows (a page meant for reading and printing; 5,000 rows
    /// are about 150 printed pages). The rest are counted in a last row pointing to the CSV report,
    /// which has every row. Keeps the page's size bounded whatever the roster or plan size.
    public static let maxRows = 5_000

    /// The row that says how many rows were left out (spanning `columns` cells).
    static func moreRow(_ n: Int, columns: Int, lang: Lang = .zh) -> String {
        "<tr class=more><td colspan=\(columns)>\(escape(Messages.text("limits.htmlMoreRows", lang, n)))</td></tr>\n"
    }

    /// A complete page with the shared print-friendly style.
    public static func page(title: String, body: String) -> String {
        pageHead(title: title) + body + "\n" + pageTail
    }

    /// Everything of ``page(title:body:)`` before the body (so a page can be streamed).
    static func pageHead(title: String) -> String {
        pageTemplate(title: title).components(separatedBy2: "\u{1}\n")[0]
    }

    /// Everything of ``page(title:body:)`` after the body.
    static let pageTail: String = pageTemplate(title: "").components(separatedBy2: "\u{1}\n")[1]

    static func pageTemplate(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 13px; }
        th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; }
        th { background: #f3f3f3; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        td.src { max-width: 28em; color: #555; }
        tr.missed td:first-child { color: #b00; font-weight: bold; }
        tr.at-risk td:first-child { color: #b60; font-weight: bold; }
        tr.met td:first-child { color: #070; }
        .chart { display: flex; gap: 2em; align-items: flex-start; flex-wrap: wrap; page-break-inside: avoid; }
        @page { size: A4; margin: 15mm; }
        @media print { body { margin: 0; } }
        </style>
        </head>
        <body>
        \u{1}
        </body>
        </html>

        """
    }
}
