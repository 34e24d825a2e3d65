# datacheck: `make demo` sets up and runs datacheck on the fixtures; `make test` sets up and runs the tests.
SWIFT ?= swift

.PHONY: deps build release demo test clean

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

clean:
	rm -rf .build
