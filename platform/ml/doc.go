// Package ml trains, evaluates, stores and applies propensity models in compiled Go, for
// notebooks 04 (train) and 05 (score): a feature matrix built from a display table, a
// stratified split and k-fold cross-validation, regularized logistic regression and
// histogram-based gradient-boosted trees, the usual classification metrics with charts,
// seeded hyperparameter search across cores, a model registry on blob storage and
// batch scoring of tables and Parquet exports.
//
// Every value a notebook cell shows (metrics, curves, importances, search results, model
// cards) has a Bundle method that renders it as a table or a chart (through display's
// charts). Exported APIs avoid generics so the kernel's interpreter can call them, and
// long work takes a context.Context first so an interrupt stops it.
//
// A typical notebook flow:
//
//	st, _ := storage.Open(ctx, "")
//	t, _ := st.ReadParquet(ctx, exportPath)                   // every part file
//	ds, _ := ml.FromTable(t, features, "subscriptionOccurred",
//		ml.DataOptions{FillValue: -1, Indicators: true, IDColumn: "userId"})
//	ds.Describe()                                            // per-feature statistics
//	train, test, _ := ml.Split(ds, 0.2, 42)                  // stratified, seeded
//	base, _ := ml.TrainLogistic(ctx, train, ml.LogisticOptions{})
//	ml.EvaluateModel(base, test, 0.5)                        // AUC, log-loss, P/R/F1
//	space := ml.NewSpace().LogFloat("learningRate", 0.02, 0.3).Int("maxLeaves", 8, 63)
//	res, _ := ml.RandomSearch(ctx, train, space, ml.GBDTTrainer(ml.GBDTOptions{Seed: 1}),
//		ml.SearchOptions{Trials: 24, Seed: 7})                // table + trial-vs-AUC chart
//	best := res.BestModel()
//	met, _ := ml.EvaluateModel(best, test, 0.5)
//	p, _ := best.Predict(test)
//	roc, _ := ml.ROC(test.Y, p)                              // roc.Chart()
//	reg, _ := ml.OpenRegistry(ctx, "")
//	reg.Register(ctx, "propensity", best, ml.RegisterOptions{Metrics: met.Map(),
//		TrainingData: st.URL(exportPath), Aliases: []string{"production"}})
//
//	prod, _ := reg.Load(ctx, "propensity", "production")     // notebook 05; prod is a card
//	scores, _ := prod.ScoreParquet(ctx, st, exportPath, ml.ScoreOptions{})
//
// Missing values: FromTable replaces NULL and NaN feature values with
// DataOptions.FillValue and, with Indicators, adds a 0/1 "<feature>_missing" column per
// feature that had missing values in training. The model keeps this Prep, and scoring
// applies the same one, so data to score only needs the raw input columns.
//
// The registry layout and model.json format are documented on Registry and ModelInfo.
package ml
