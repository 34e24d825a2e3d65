/// The sample goal shown in `datacheck requirements --help`.
enum GoalSample {
  static let text = """
    version: 1
    goal: Predict churn one month ahead
    data:
      train: data/train.csv
      test: data/test.csv
      missing_values: ["", "NA", "?"]
    target:
      column: churned
      classes: ["yes", "no"]
      positive: "yes"
    metric:
      name: f1
      target: 0.80
      tolerance: 0.02
    requirements:
      min_rows: 10000
      min_rows_per_class: 500
      max_missing: {default: 0.3, columns: {income: 0.1}}
      max_duplicate_ratio: 0.01
      id_columns: [customer_id]
      leakage: fail
    """
}
