# certcheck — every target installs what it needs first, so each works on a fresh machine.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED_EVAL ?= 20261163
EVAL_N ?= 120
EVAL_HARD ?= 0.25
SEED_CALIBRATE ?= 777
CAL_N ?= 150
BENCH_N ?= 40
RELIABILITY_WORKERS ?= 2
RELIABILITY_FLAGS ?=
REALDATA ?= ../shared/realdata
# issue 19: the PP-OCR models' precision for eval and bench (fp32 when empty; int8: see README)
OCR_PRECISION ?=
APT_PKGS := tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-osd fonts-noto-cjk fonts-babelstone-han fonts-hanazono \
	fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei strace postgresql chromium

.PHONY: install system-deps demo test test-all test-slow lint eval eval-real bench calibrate samples clean \
	reliability bench-desk bench-audit bench-scale bench-similar bench-models

install: $(STAMP)

system-deps:
	@missing=""; \
	command -v tesseract >/dev/null || missing="$(APT_PKGS)"; \
	command -v strace >/dev/null || missing="$(APT_PKGS)"; \
	[ -f /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ] || missing="$(APT_PKGS)"; \
	[ -f /usr/share/tesseract-ocr/5/tessdata/osd.traineddata ] || missing="$(APT_PKGS)"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$(APT_PKGS)"; \
	[ -f /usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf ] || missing="$(APT_PKGS)"; \
	[ -f /usr/share/fonts/truetype/hanazono/HanaMinB.ttf ] || missing="$(APT_PKGS)"; \
	[ -f /usr/share/fonts/truetype/arphic/ukai.ttc ] || missing="$(APT_PKGS)"; \
	[ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || missing="$(APT_PKGS)"; \
	[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing="$(APT_PKGS)"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$(APT_PKGS)"; \
	command -v chromium >/dev/null || missing="$(APT_PKGS)"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages: $$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(BIN)/pip install -q -e '.[dev,lab]'
	@touch $(STAMP)

demo: install
	$(BIN)/certcheck run samples/window --out out/demo
	@echo "(open the report in a browser; re-running reuses finished applicants from out/demo/parts)"

test: install
	$(BIN)/python -m pytest -m "not slow" -q

test-all: install
	$(BIN)/python -m pytest -q

# The slow tests `make test` leaves out (real processes killed, real schedulers, the hostile
# corpus and every fault kind end to end); CI runs them after `make test`.
test-slow: install
	$(BIN)/python -m pytest -m slow -q

lint: install
	$(BIN)/ruff check models stages pipeline lab tests
	$(BIN)/mypy
	$(BIN)/lint-imports

# Issue 15: the report seed on windows of layout families nobody tuned the readers on, then
# the same seed on the tuned families, side by side (lab/synth/families.py).
eval: install
	CERTCHECK_OCR_PRECISION=$(OCR_PRECISION) $(BIN)/certcheck eval --seed $(SEED_EVAL) --applicants $(EVAL_N) --hard $(EVAL_HARD) \
	  --families held-out --work eval/synthetic/held-out
	CERTCHECK_OCR_PRECISION=$(OCR_PRECISION) $(BIN)/certcheck eval --seed $(SEED_EVAL) \
	  --applicants $(EVAL_N) --hard $(EVAL_HARD) --families tuned --work eval/synthetic/tuned
	$(BIN)/certcheck eval-sides eval/synthetic/held-out/score-seed$(SEED_EVAL).json \
	  eval/synthetic/tuned/score-seed$(SEED_EVAL).json

# Fits pipeline/calibration.json on tuning windows (seed SEED_CALIBRATE, never the eval seed).
calibrate: install
	$(BIN)/certcheck calibrate --seed $(SEED_CALIBRATE) --applicants $(CAL_N) --work eval/calibration

eval-real: install
	@if [ -d "$(REALDATA)" ]; then $(BIN)/certcheck eval-real $(REALDATA) --work eval/real; \
	else echo "$(REALDATA) not found: skipping the real-data evaluation"; fi

bench: install
	CERTCHECK_OCR_PRECISION=$(OCR_PRECISION) $(BIN)/certcheck bench --seed $(SEED_EVAL) --applicants $(BENCH_N) --work eval/bench

# issue 19: the same PP-OCR models run cheaper? fp32 against int8 (dynamic, static QDQ),
# onnxruntime session options and OpenVINO, on one thread, on the crops and pages the product
# asked for on a tuning window (lab/bench_models.py); OpenVINO is installed when missing
# The smaller PP-OCRv4 mobile models ("v4" variants) come from the rapidocr_onnxruntime wheel,
# fetched into eval/bench-models/wheels when missing (pip download --no-deps: never installed).
# MODELS_ONLY picks variants, e.g. `make bench-models MODELS_ONLY=v4` (plus the fp32 reference).
MODELS_SEED ?= 4450
MODELS_CALIB_SEED ?= 4451
MODELS_ONLY ?=
bench-models: install
	@$(BIN)/python -c "import openvino" 2>/dev/null || $(BIN)/pip install -q 'openvino>=2024.0'
	@test -n "$$(ls eval/bench-models/wheels/rapidocr_onnxruntime-1.4.4-*.whl 2>/dev/null)" || \
	  $(BIN)/pip download -q --no-deps 'rapidocr_onnxruntime==1.4.4' -d eval/bench-models/wheels
	$(BIN)/python -m lab.bench_models --seed $(MODELS_SEED) --calib-seed $(MODELS_CALIB_SEED) \
	  --work eval/bench-models $(foreach o,$(MODELS_ONLY),--only $(o))

# issue 19: the same-image check at scale on document-like uploads (fingerprints generated
# once and cached under eval/similar): CPU-s per upload, candidates, recall on true re-uploads.
SIMILAR_SIZES ?= 1000,5000,20000
SIMILAR_FLAGS ?= --readings
bench-similar: install
	$(BIN)/python -m lab.similar_bench --sizes $(SIMILAR_SIZES) --work eval/similar $(SIMILAR_FLAGS)
	$(BIN)/python -m lab.similar_bench --sizes $(SIMILAR_SIZES) --work eval/similar --no-verify

# issue 18: what the audit trail costs a run (its share of the run's time; at most 5%)
bench-audit: install
	$(BIN)/python -m tests.measure_audit --workers 2

# issue 16's numbers: the hostile corpus under observation (strace for reads/writes outside
# the trees, installed when missing), then the kill tests when they exist.
reliability: install
	@command -v strace >/dev/null || { \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q strace \
	  || echo "strace could not be installed: reads/writes outside the trees not measured"; }
	$(BIN)/certcheck reliability --work eval/reliability --workers $(RELIABILITY_WORKERS) \
	  $(RELIABILITY_FLAGS)
	@if test -f tests/pipeline/test_kill.py; then \
	  $(BIN)/python -m pytest -q -p no:cacheprovider tests/pipeline/test_kill.py; \
	else echo "tests/pipeline/test_kill.py not found: kill tests skipped"; fi

# issue 17's numbers: 50 concurrent reviewers on loopback over 100,000 applicants in the desk's
# database (synthetic rows, no OCR): errors, lost decisions, p50/p95 page and API times.
DESK_APPLICANTS ?= 100000
DESK_REVIEWERS ?= 50
DESK_SECONDS ?= 60
DESK_THINK ?= 1
bench-desk: install
	$(BIN)/python -m lab.desk_bench --work eval/bench-desk --applicants $(DESK_APPLICANTS) \
	  --reviewers $(DESK_REVIEWERS) --seconds $(DESK_SECONDS) --think $(DESK_THINK)

# issue 19's numbers: synthetic windows without uploads (no OCR) of each size, run by
# `certcheck run`: load time, time to first result, main and worker peak RSS, CPU per applicant
SCALE_SIZES ?= 1000 10000
SCALE_WORKERS ?= 2
bench-scale: install
	$(BIN)/python -m lab.bench_scale --work eval/bench-scale --sizes $(SCALE_SIZES) \
	  --workers $(SCALE_WORKERS)

samples: install
	$(BIN)/certcheck samples generate samples/window --applicants 12 --seed 7

clean:
	rm -rf out eval .pytest_cache .mypy_cache .ruff_cache
