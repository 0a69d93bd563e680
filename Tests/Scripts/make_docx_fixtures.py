#!/usr/bin/env python3
"""Writes the .docx fixtures of DraftTests (Tests/Fixtures/docx/) with Python's zipfile only.

A .docx is a ZIP of WordprocessingML parts; the draft reads word/document.xml. Run from the
package root: python3 Tests/Scripts/make_docx_fixtures.py
  - seed-001.docx: Checks/sources/001-….txt, one paragraph per line, every paragraph split into
    runs of 5 characters (as Word does after edits), DEFLATE-compressed; drafts as the .txt does.
  - runs.docx: a short plan whose numbers and phrase forms are split across runs, with a tab,
    a line break, an entity, paragraph properties and tab stops.
"""
import zipfile
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')


def run(text, bold=False):
    props = '<w:rPr><w:b/><w:rFonts w:hint="eastAsia"/></w:rPr>' if bold else ''
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (props, escape(text))


def paragraph(runs):
    return '<w:p><w:pPr><w:spacing w:line="560"/><w:ind w:firstLine="640"/></w:pPr>%s</w:p>' % ''.join(runs)


def write(path, body):
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s'
           '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>') % (W, body)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT)
        z.writestr('_rels/.rels', RELS)
        z.writestr('word/document.xml', doc.encode('utf-8'))


def main():
    src = 'Checks/sources/001-street-office-party-committee-2022.txt'
    lines = [l.strip() for l in open(src, encoding='utf-8').read().split('\n')]
    body = ''.join(paragraph([run(l[i:i + 5], bold=(i == 0)) for i in range(0, len(l), 5)]) for l in lines if l)
    write('Tests/Fixtures/docx/seed-001.docx', body)

    body = ''.join([
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>' + run('一、') + run('总体要求', True) + '</w:p>',
        paragraph([run('党工委每年至'), run('少1'), run('2次听取党建工作汇报。')]),
        paragraph([run('（二）'), run('加强学习')]),
        paragraph([run('每'), run('季度'), run('分析研判思想动态'), '<w:r><w:tab/></w:r>', run('，全年不少于'), run('四'), run('次。')]),
        '<w:p/>',
        paragraph([run('3.廉政教育。'), '<w:r><w:br/></w:r>', run('基层党组织每年至少集中开展6次廉政专题学习&6次警示教育。')]),
        paragraph([run('“七一'), run('”前夕为联系点党支部讲党课1次。')]),
    ])
    write('Tests/Fixtures/docx/runs.docx', body)


if __name__ == '__main__':
    main()
