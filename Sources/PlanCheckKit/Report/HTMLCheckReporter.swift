/// The check report as one self-contained HTML page (no scripts, no external resources).
public enum HTMLCheckReporter: CheckReporter {
    public static let format = "html"

    public static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions) {
        let e = HTML.escape
        var body = "<h1>plancheck \(r.year) 年度检查 · 检查日 \(r.asOf.iso)</h1>\n"
        body += "<p>计划：\(e(r.planPaths.joined(separator: ", ")))；记录：读取 \(r.read.rowsRead) 行，接受 \(r.read.accepted) 行，拒绝 \(r.read.rejected) 行</p>\n"
        let c = r.statusCounts
        body += "<p class=summary>" + e(Messages.text("report.total", o.lang, r.ruleFindings.count, c[.met] ?? 0, c[.missed] ?? 0, c[.atRisk] ?? 0,
                                                        c[.onTrack] ?? 0, c[.upcoming] ?? 0, c[.warning] ?? 0)) + "</p>\n"
        body += "<table>\n<thead><tr><th>状态</th><th>规则</th><th>标题</th><th>单位</th><th>人员</th><th>周期</th><th>要求</th><th>实际</th><th>缺口</th><th>说明</th><th>依据</th></tr></thead>\n<tbody>\n"
        for f in r.findings where !o.quiet || f.status.isProblem {
            body += "<tr class=\"\(f.status.rawValue)\"><td>\(f.status.label(o.lang))</td><td>\(e(f.rule))</td><td>\(e(f.title))</td><td>\(e(f.org))</td><td>\(e(f.person))</td><td>\(e(f.period))</td><td class=n>\(f.required)</td><td class=n>\(f.actual)</td><td class=n>\(f.shortfall)</td><td>\(e(f.advice(asOf: r.asOf, lang: o.lang)))</td><td class=src>\(e(f.source))</td></tr>\n"
        }
        body += "</tbody></table>\n"
        if !r.read.rejections.isEmpty {
            body += "<h2>拒绝的行</h2>\n<ul>\n" + r.read.rejections.map { "<li>\(e($0.location)): \(e($0.message(o.lang)))</li>" }.joined(separator: "\n") + "\n</ul>\n"
        }
        sink.write(HTML.page(title: "plancheck \(r.year) 检查报告", body: body))
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

    /// A complete page with the shared print-friendly style.
    public static func page(title: String, body: String) -> String {
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
        \(body)
        </body>
        </html>

        """
    }
}
