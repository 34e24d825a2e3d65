# datacheck: `make demo` sets up and profiles a fixture; `make test` sets up and runs the tests.
SWIFT ?= swift

.PHONY: deps build release demo test clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: release
	.build/release/datacheck profile fixtures/churn.csv
	.build/release/datacheck profile fixtures/churn.csv --format json --output .build/churn.profile.json
	@echo "JSON profile written to .build/churn.profile.json"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build
