-- plancheck 0.1.0 sql --dialect spark: plan Tests/Golden/sql/fixture/plan-2022.csv; year 2022; as of 2022-05-16
-- Records: warehouse.activities with columns date, org, type, participants, title, lead, target (date: DATE or YYYY-MM-DD text).
-- The calendar (period bounds, ISO weeks, as-of phase, pro-rata threshold, near-the-end flag) was computed
-- by plancheck and is shipped as literal VALUES; the engine only filters, joins and counts.
-- Statements: each starts with a '-- plancheck: NAME' line. All but 'findings' return
-- kind, rule, org, person, period, count, sum: their results together are the file 'plancheck check --counts' reads.

-- plancheck: quality — rows read (count) and rejected (sum), records equal to an earlier one in date, unit, type and title and records of units not in the roster (per unit), records dated outside the year or after as-of (per unit), of types no rule counts (per type, in the rule column)
WITH
src AS (
  SELECT CAST(`date` AS STRING) AS d_raw, CAST(`org` AS STRING) AS org, CAST(`type` AS STRING) AS typ, CAST(`participants` AS STRING) AS p_raw,
         COALESCE(CAST(`title` AS STRING), '') AS title, COALESCE(CAST(`lead` AS STRING), '') AS lead, COALESCE(CAST(`target` AS STRING), '') AS tgt
  FROM warehouse.activities
),
norm AS (
  SELECT CAST(TRY_CAST(d_raw AS DATE) AS STRING) AS d, TRY_CAST(p_raw AS BIGINT) AS p, p_raw, org, typ, title, lead, tgt FROM src
),
chk AS (
  SELECT d, p, org, typ, title, lead, tgt,
         CASE WHEN d IS NULL OR org IS NULL OR org = '' OR typ IS NULL OR typ = ''
                OR (p IS NULL AND p_raw IS NOT NULL AND p_raw <> '') THEN 1 ELSE 0 END AS bad
  FROM norm
),
rec AS (SELECT d, p, org, typ, title, lead, tgt FROM chk WHERE bad = 0),
unit AS (
  SELECT * FROM VALUES
    ('甲街道党工委', '党工委', 0),
    ('一社区党支部', '社区党支部', 1),
    ('二社区党支部', '社区党支部', 2),
    ('机关党支部', '机关党支部', 3)
  AS v(name, kind, ord)
),
rule_type AS (
  SELECT * FROM VALUES
    ('G-01', '思想动态分析研判'),
    ('G-01', '意识形态专题研究'),
    ('G-02', '培训'),
    ('G-03', '党课'),
    ('G-04', '意识形态专题研究'),
    ('G-05', '巡察'),
    ('G-06', '帮扶走访'),
    ('G-07', '专题会议')
  AS v(rule, typ)
),
grp AS (
  SELECT d, org, typ, bad, COUNT(*) AS n FROM chk GROUP BY d, org, typ, title, bad
),
q AS (
  SELECT org, typ, bad, dk, SUM(n) AS n, SUM(n - 1) AS dup
  FROM (SELECT org, typ, bad, n, CASE WHEN bad = 1 THEN NULL
                    WHEN d < '2022-01-01' OR d > '2022-12-31' THEN 'outside-year'
                    WHEN d > '2022-05-16' THEN 'after-as-of' END AS dk FROM grp) k
  GROUP BY org, typ, bad, dk
),
kinds AS (
  SELECT * FROM VALUES
    (0, 'input'),
    (1, 'duplicate'),
    (2, 'unknown-unit'),
    (3, 'dates'),
    (4, 'uncounted-type')
  AS v(sec, kind)
)
SELECT kind, rule, org, '' AS person, '' AS period, SUM(n) AS `count`, SUM(s) AS `sum`
FROM (
  SELECT k.sec, CASE WHEN k.sec = 3 THEN q.dk ELSE k.kind END AS kind,
         CASE WHEN k.sec = 4 THEN q.typ ELSE '' END AS rule,
         CASE WHEN k.sec IN (1, 2, 3) THEN q.org ELSE '' END AS org,
         CASE WHEN k.sec = 1 THEN q.dup ELSE q.n END AS n,
         CASE WHEN k.sec = 0 AND q.bad = 1 THEN q.n ELSE 0 END AS s
  FROM q
    CROSS JOIN kinds k
    LEFT JOIN (SELECT DISTINCT name FROM unit) u ON u.name = q.org
    LEFT JOIN (SELECT DISTINCT typ FROM rule_type) t ON t.typ = q.typ
  WHERE k.sec = 0
     OR (q.bad = 0 AND (k.sec = 1
        OR (k.sec = 2 AND u.name IS NULL)
        OR (k.sec = 3 AND q.dk IS NOT NULL)
        OR (k.sec = 4 AND t.typ IS NULL)))
) r
GROUP BY sec, kind, rule, org
HAVING sec <> 1 OR SUM(n) > 0
ORDER BY sec, kind, rule, org;

-- plancheck: counts — records (count) and participants (sum) per rule, unit or person, and period
WITH
src AS (
  SELECT CAST(`date` AS STRING) AS d_raw, CAST(`org` AS STRING) AS org, CAST(`type` AS STRING) AS typ, CAST(`participants` AS STRING) AS p_raw,
         COALESCE(CAST(`title` AS STRING), '') AS title, COALESCE(CAST(`lead` AS STRING), '') AS lead, COALESCE(CAST(`target` AS STRING), '') AS tgt
  FROM warehouse.activities
),
norm AS (
  SELECT CAST(TRY_CAST(d_raw AS DATE) AS STRING) AS d, TRY_CAST(p_raw AS BIGINT) AS p, p_raw, org, typ, title, lead, tgt FROM src
),
chk AS (
  SELECT d, p, org, typ, title, lead, tgt,
         CASE WHEN d IS NULL OR org IS NULL OR org = '' OR typ IS NULL OR typ = ''
                OR (p IS NULL AND p_raw IS NOT NULL AND p_raw <> '') THEN 1 ELSE 0 END AS bad
  FROM norm
),
rec AS (SELECT d, p, org, typ, title, lead, tgt FROM chk WHERE bad = 0),
unit AS (
  SELECT * FROM VALUES
    ('甲街道党工委', '党工委', 0),
    ('一社区党支部', '社区党支部', 1),
    ('二社区党支部', '社区党支部', 2),
    ('机关党支部', '机关党支部', 3)
  AS v(name, kind, ord)
),
person AS (
  SELECT * FROM VALUES
    ('张三', '甲街道党工委', '党工委委员', 0),
    ('李四', '甲街道党工委', '党工委委员', 1)
  AS v(name, unit, role, ord)
),
rule_type AS (
  SELECT * FROM VALUES
    ('G-01', '思想动态分析研判'),
    ('G-01', '意识形态专题研究'),
    ('G-02', '培训'),
    ('G-03', '党课'),
    ('G-04', '意识形态专题研究'),
    ('G-05', '巡察'),
    ('G-06', '帮扶走访'),
    ('G-07', '专题会议')
  AS v(rule, typ)
),
rule_slot AS (
  SELECT * FROM VALUES
    ('G-01', 0, '2022-Q1', 0, '2022-01-01', '2022-03-31', 1, 0, 'over', 0, 0),
    ('G-01', 0, '2022-Q2', 1, '2022-04-01', '2022-06-30', 1, 0, 'during', 0, 0),
    ('G-01', 0, '2022-Q3', 2, '2022-07-01', '2022-09-30', 1, 0, 'before', 0, 0),
    ('G-01', 0, '2022-Q4', 3, '2022-10-01', '2022-12-31', 1, 0, 'before', 0, 0),
    ('G-02', 1, '2022', 0, '2022-01-01', '2022-12-31', 500, 1, 'during', 184, 0),
    ('G-03', 2, '2022', 0, '2022-01-01', '2022-07-01', 1, 0, 'during', 0, 0),
    ('G-04', 3, '年初', 0, '2022-01-01', '2022-03-31', 1, 0, 'over', 0, 0),
    ('G-04', 3, '年中', 1, '2022-06-01', '2022-08-31', 1, 0, 'before', 0, 0),
    ('G-05', 4, '2022', 0, '2022-01-01', '2022-12-31', 1, 0, 'during', 0, 0),
    ('G-06', 5, '2022-W01', 0, '2022-01-01', '2022-01-09', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W02', 1, '2022-01-10', '2022-01-16', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W03', 2, '2022-01-17', '2022-01-23', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W04', 3, '2022-01-24', '2022-01-30', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W05', 4, '2022-01-31', '2022-02-06', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W06', 5, '2022-02-07', '2022-02-13', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W07', 6, '2022-02-14', '2022-02-20', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W08', 7, '2022-02-21', '2022-02-27', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W09', 8, '2022-02-28', '2022-03-06', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W10', 9, '2022-03-07', '2022-03-13', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W11', 10, '2022-03-14', '2022-03-20', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W12', 11, '2022-03-21', '2022-03-27', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W13', 12, '2022-03-28', '2022-04-03', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W14', 13, '2022-04-04', '2022-04-10', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W15', 14, '2022-04-11', '2022-04-17', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W16', 15, '2022-04-18', '2022-04-24', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W17', 16, '2022-04-25', '2022-05-01', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W18', 17, '2022-05-02', '2022-05-08', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W19', 18, '2022-05-09', '2022-05-15', 1, 0, 'over', 0, 0),
    ('G-06', 5, '2022-W20', 19, '2022-05-16', '2022-05-22', 1, 0, 'first', 0, 0),
    ('G-06', 5, '2022-W21', 20, '2022-05-23', '2022-05-29', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W22', 21, '2022-05-30', '2022-06-05', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W23', 22, '2022-06-06', '2022-06-12', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W24', 23, '2022-06-13', '2022-06-19', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W25', 24, '2022-06-20', '2022-06-26', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W26', 25, '2022-06-27', '2022-07-03', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W27', 26, '2022-07-04', '2022-07-10', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W28', 27, '2022-07-11', '2022-07-17', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W29', 28, '2022-07-18', '2022-07-24', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W30', 29, '2022-07-25', '2022-07-31', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W31', 30, '2022-08-01', '2022-08-07', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W32', 31, '2022-08-08', '2022-08-14', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W33', 32, '2022-08-15', '2022-08-21', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W34', 33, '2022-08-22', '2022-08-28', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W35', 34, '2022-08-29', '2022-09-04', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W36', 35, '2022-09-05', '2022-09-11', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W37', 36, '2022-09-12', '2022-09-18', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W38', 37, '2022-09-19', '2022-09-25', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W39', 38, '2022-09-26', '2022-10-02', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W40', 39, '2022-10-03', '2022-10-09', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W41', 40, '2022-10-10', '2022-10-16', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W42', 41, '2022-10-17', '2022-10-23', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W43', 42, '2022-10-24', '2022-10-30', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W44', 43, '2022-10-31', '2022-11-06', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W45', 44, '2022-11-07', '2022-11-13', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W46', 45, '2022-11-14', '2022-11-20', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W47', 46, '2022-11-21', '2022-11-27', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W48', 47, '2022-11-28', '2022-12-04', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W49', 48, '2022-12-05', '2022-12-11', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W50', 49, '2022-12-12', '2022-12-18', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W51', 50, '2022-12-19', '2022-12-25', 1, 0, 'before', 0, 0),
    ('G-06', 5, '2022-W52', 51, '2022-12-26', '2022-12-31', 1, 0, 'before', 0, 0),
    ('G-07', 6, '2022-H1', 0, '2022-01-01', '2022-06-30', 2, 0, 'during', 1, 0),
    ('G-07', 6, '2022-H2', 1, '2022-07-01', '2022-12-31', 2, 0, 'before', 0, 0)
  AS v(rule, rule_ord, slot, slot_ord, lo, hi, required, is_sum, phase, expected, near_end)
),
rule_scope AS (
  SELECT * FROM VALUES
    ('G-01', 'kind', '社区党支部'),
    ('G-01', 'kind', '机关党支部'),
    ('G-02', 'org', '甲街道党工委'),
    ('G-03', 'role', '党工委委员'),
    ('G-04', 'org', '甲街道党工委'),
    ('G-05', 'target', '社区党支部'),
    ('G-06', 'all', '*'),
    ('G-07', 'org', '甲街道党工委')
  AS v(rule, skind, sval)
),
m AS (
  SELECT rt.rule, s.slot, o.org, u.kind AS okind, o.p, o.lead, o.tgt
  FROM rec o
  JOIN rule_type rt ON rt.typ = o.typ
  JOIN rule_slot s ON s.rule = rt.rule AND o.d >= s.lo AND o.d <= s.hi
  LEFT JOIN unit u ON u.name = o.org
  WHERE o.d >= '2021-12-29' AND o.d <= '2022-05-16'
    AND CASE rt.rule WHEN 'G-07' THEN (instr(o.title, '全面从严治党') > 0 OR instr(o.title, '党风廉政') > 0 OR instr(o.title, 'a\'b\\c') > 0) ELSE 1 = 1 END
),
hit AS (
  SELECT m.rule, m.slot, CASE WHEN rs.skind = 'all' THEN '*' ELSE m.org END AS org, '' AS person, m.p FROM m
    JOIN rule_scope rs ON rs.rule = m.rule
    WHERE (rs.skind = 'org' AND rs.sval = m.org) OR (rs.skind = 'kind' AND rs.sval = m.okind) OR rs.skind = 'all'
  UNION ALL
  SELECT x.rule, x.slot, pe.unit AS org, pe.name AS person, x.p FROM (
    SELECT m.rule, m.slot, m.p, rs.sval, nm.name FROM m JOIN rule_scope rs ON rs.rule = m.rule AND rs.skind = 'role'
    LATERAL VIEW explode(array_distinct(split(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(m.lead, '、', '/'), '，', '/'), ',', '/'), '；', '/'), ';', '/'), ' ', '/'), '　', '/'), '/'))) nm AS name
  ) x
    JOIN person pe ON pe.role = x.sval AND pe.name = x.name
  UNION ALL
  SELECT x.rule, x.slot, tu.name AS org, '' AS person, x.p FROM (
    SELECT m.rule, m.slot, m.p, m.org, m.okind, rs.sval, nm.name FROM m JOIN rule_scope rs ON rs.rule = m.rule AND rs.skind = 'target'
    LATERAL VIEW explode(array_distinct(split(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(m.tgt, '、', '/'), '，', '/'), ',', '/'), '；', '/'), ';', '/'), ' ', '/'), '　', '/'), '/'))) nm AS name
  ) x
    JOIN unit tu ON tu.kind = x.sval AND tu.name = x.name
    WHERE (x.rule = 'G-05' AND x.org = '甲街道党工委')
),
cnt AS (
  SELECT rule, org, person, slot, COUNT(*) AS n, SUM(COALESCE(p, 0)) AS total FROM hit GROUP BY rule, org, person, slot
)
SELECT 'cell' AS kind, rule, org, person, slot AS period, n AS `count`, total AS `sum`
FROM cnt
ORDER BY rule, org, person, period;

