# datacheck: `make demo` sets up and runs datacheck on the fixtures; `make test` sets up and runs the tests;
# `make fuzz FUZZ_SECONDS=600` fuzzes the readers (scripts/fuzz.sh).
SWIFT ?= swift

.PHONY: deps build release demo test fuzz clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: release
	.build/release/datacheck profile fixtures/churn.csv --label churned --id customer_id
	.build/release/datacheck requirements fixtures/goals/ready.yaml
	.build/release/datacheck requirements fixtures/goals/short_of_labels.yaml || echo "(exit $$?: not ready, as expected for this example)"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Fuzzes each entry point in turn for FUZZ_SECONDS (libFuzzer + AddressSanitizer, in .build-fuzz).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = FuzzCSV FuzzGzip FuzzParquet FuzzGoal

fuzz: deps
	@for target in $(FUZZ_TARGETS); do scripts/fuzz.sh $$target $(FUZZ_SECONDS) || exit 1; done

clean:
	rm -rf .build
