# kiosk/export/: the supervisor's reports (day, week, month, range; Mẫu số 02 as .xlsx, CSV,
# JSON, summary, signed manifest), their verification against known keys, the station-wide
# merge and the dashboard's numbers. export_*.c: the single-day list kept for its pieces.
PKGS += xlsxwriter
LIB_SRCS += kiosk/export/export_labels.c kiosk/export/export_csv.c kiosk/export/export_list.c \
	kiosk/export/export_summary.c kiosk/export/export_manifest.c kiosk/export/export_dir.c \
	kiosk/export/export_day.c \
	kiosk/export/report_period.c kiosk/export/report_rows.c kiosk/export/report_xlsx.c \
	kiosk/export/report_dir.c kiosk/export/report_writer.c kiosk/export/report_manifest.c \
	kiosk/export/report_export.c kiosk/export/report_merge.c kiosk/export/report_dash.c \
	kiosk/export/export_waiting.c kiosk/export/export_msg_text.c
TESTS += tests/kiosk/test_export_format.c tests/kiosk/test_export_golden.c \
	tests/kiosk/test_export_verify.c tests/kiosk/test_export_store.c \
	tests/kiosk/test_export_fuzz.c tests/kiosk/test_report.c
BENCHES += bench/bench_store_export.c bench/bench_report_week.c
