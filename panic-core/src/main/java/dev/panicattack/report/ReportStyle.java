package dev.panicattack.report;

/** The inline stylesheet shared by test pages and the run index: system fonts only, no external resource. */
final class ReportStyle {

    static final String CSS = """
            :root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#f3f5f8;--card:#fff;--code:#f6f8fa;\
            --FAILED:#b42318;--PASSED:#1a7f37;--ABORTED:#8a5a00;--accent:#0969da}
            *{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%}
            body{margin:0;background:var(--bg);color:var(--fg);\
            font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
            main{max-width:1200px;margin:0 auto;padding:20px 32px 48px}
            h1{font-size:26px;line-height:1.25;margin:6px 0 2px;word-break:break-word}
            h2{font-size:19px;margin:30px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
            h3{font-size:16px;margin:0 0 4px}
            a{color:var(--accent)}
            .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin:12px 0}
            header.card{border-top:6px solid var(--outcome)}
            .badge{display:inline-block;padding:1px 10px;border-radius:999px;color:#fff;font-weight:700;font-size:12px;\
            letter-spacing:.06em;vertical-align:middle}
            .badge.FAILED{background:var(--FAILED)}.badge.PASSED{background:var(--PASSED)}.badge.ABORTED{background:var(--ABORTED)}
            .sub{color:var(--muted);margin:0;word-break:break-all}
            dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:14px 0 0}
            dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;word-break:break-word}
            code,pre,.mono{font-family:ui-monospace,"SFMono-Regular","DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace;font-size:13px}
            pre{background:var(--code);border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:8px 0;\
            overflow:auto;white-space:pre;max-height:34em;line-height:1.45}
            .banner{background:#fff8c5;border:1px solid #d4a72c;border-left:6px solid #9a6700;border-radius:8px;\
            padding:10px 14px;margin:12px 0;color:#3b2300}
            nav.toc{font-size:14px;color:var(--muted);margin:4px 0 0}nav.toc a{margin-right:14px}
            .sig{border-left:6px solid var(--accent)}.sig.primary{border-left-color:var(--FAILED)}
            .sig-head{display:flex;align-items:center;gap:14px;flex-wrap:wrap}
            .sig-class{font-size:21px;font-weight:800;letter-spacing:.03em}
            .tag{font-size:12px;border:1px solid var(--line);border-radius:999px;padding:0 8px;color:var(--muted)}
            .meter{display:inline-block;width:140px;height:10px;background:#e6eaef;border-radius:5px;overflow:hidden;\
            vertical-align:middle}
            .meter>span{display:block;height:100%;background:var(--accent)}
            .conf{font-variant-numeric:tabular-nums;font-weight:600}
            .remedy{border-left:6px solid var(--PASSED)}.remedy .action{font-weight:600;margin:8px 0}
            ul.sites{margin:6px 0;padding-left:20px}ul.sites li{margin:3px 0;word-break:break-word}
            .exc{font-weight:700;word-break:break-all;margin:0}
            figure.chart{margin:12px 0}
            figure.chart figcaption{color:var(--muted);font-size:13.5px;margin:0 0 4px}
            ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 20px;padding:0;margin:6px 0 4px;font-size:13px}
            ul.legend li{display:flex;align-items:center;gap:6px}
            svg.swatch{width:28px;height:12px;flex:none}
            svg.plot{width:100%;height:auto;display:block}
            .plot .grid line{stroke:#e6eaef;stroke-width:1}
            .plot .axis line{stroke:#57606a;stroke-width:1.2}
            .plot text{font-size:12px;fill:#57606a;font-family:inherit}
            .plot .axis-title{font-size:13px;fill:#1f2328}
            .plot .line{stroke-width:2.2;stroke-linejoin:round;stroke-linecap:round}
            .plot .area{fill-opacity:.85;stroke-width:.8}
            .plot .marker line{stroke:#1f2328;stroke-width:1.2;stroke-dasharray:4 3}
            .plot .marker text{fill:#1f2328;font-weight:600}
            .nodata{color:var(--muted);font-style:italic;margin:6px 0 2px;padding:14px;background:var(--code);\
            border:1px dashed var(--line);border-radius:6px}
            details>summary{cursor:pointer;font-weight:600;margin:4px 0}
            table{border-collapse:collapse;width:100%;font-size:14px}
            th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
            th{background:var(--code);font-weight:600}
            table.facts{width:auto;min-width:480px}
            table>caption{text-align:left;font-weight:600;padding:0 0 6px}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.FAILED td:first-child{box-shadow:inset 4px 0 0 var(--FAILED)}
            tr.ABORTED td:first-child{box-shadow:inset 4px 0 0 var(--ABORTED)}
            .muted{color:var(--muted)}
            footer{color:var(--muted);font-size:12.5px;margin-top:28px}
            """;

    private ReportStyle() {
    }
}
