package io.leadscore.model;

import io.leadscore.common.Times;
import io.leadscore.scoring.AttributeRanking;
import io.leadscore.scoring.AttributeSpec;
import io.leadscore.scoring.Drift;
import io.leadscore.scoring.Factor;
import io.leadscore.scoring.Leakage;
import io.leadscore.scoring.ModelArtifact;
import io.leadscore.scoring.NotEnoughDataException;
import io.leadscore.scoring.Trainer;
import io.leadscore.scoring.TrainingResult;
import io.leadscore.scoring.TrainingRow;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import static io.leadscore.common.Jsons.JSON;

/**
 * Trains one model into a new version: collects its training rows, trains outside any transaction
 * (it takes seconds to minutes), then stores the version and its artifact in one transaction. A failure
 * leaves the model FAILED with the reason. Callable from a request's background task and from a batch job.
 */
@Stateless
public class ModelTrainer {

    private static final Logger LOG = Logger.getLogger(ModelTrainer.class.getName());
    /** Fixed, so that training the same data twice gives the same model. */
    public static final long SEED = 20261127L;
    /** Open leads whose fill rates the leakage check compares with the closed ones'. */
    static final int OPEN_SAMPLE = 2000;
    /** As the trainer: the closed leads of each outcome a training needs (Trainer.Options). */
    static final int MINIMUM_PER_CLASS = Trainer.Options.defaults(SEED).minimumPerClass();

    @jakarta.inject.Inject
    private ModelRepository repository;
    @Resource
    private ManagedExecutorService executor;
    @EJB
    private TrainingData data;
    @EJB
    private ModelTrainer self;
    @EJB
    private ModelService models;

    /** A training's outcome: the new version, its AUC and whether (and why) it was published. */
    public record Trained(int version, double auc, int trainingRows, PublishPolicy.Decision decision) {

        /** What an operator reads in the job's exit status. */
        public String summary() {
            return String.format(Locale.ROOT, "version %d trained on %d leads, AUC %.4f; %s", version, trainingRows,
                    auc, decision.reason());
        }
    }

    /** A training that failed; the model is FAILED with this message (committed: nothing to roll back). */
    @jakarta.ejb.ApplicationException
    public static class TrainingFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TrainingFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs a training of a model that is TRAINING ({@link ModelService#train}): stores the new version and
     * publishes it if {@code policy} says so. A failure leaves the model FAILED with the reason and is thrown.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Trained run(String modelId, PublishPolicy policy) {
        ModelDefinition d = self.definition(modelId);
        try {
            Chosen chosen = choose(d);
            TrainingResult result = Trainer.train(chosen.specs(), chosen.rows(), Trainer.Options.defaults(SEED), executor);
            chosen.warnings().forEach(w -> LOG.warning(() -> "Model " + d.name() + ": " + w.text()));
            if (result.blend().treesUnavailable() != null) {
                LOG.warning(() -> "Model " + d.name() + ": the networks alone taught the network that scores: "
                        + result.blend().treesUnavailable());
            }
            byte[] artifact = ModelArtifact.write(result.model());
            // the scores of the training leads: what a drift check compares today's open leads' scores with
            double[] scoreShares = Drift.trainingScoreShares(result.model(),
                    chosen.rows().stream().map(TrainingRow::features).toList());
            int number = self.store(modelId, d, result, chosen, scoreShares, artifact);
            double auc = result.metrics().auc();
            LOG.info(() -> "Model " + d.name() + " version " + number + " trained on " + result.trainingRows()
                    + " leads in " + result.millis() + " ms: AUC " + String.format(Locale.ROOT, "%.4f", auc));
            ModelVersion published = self.publishedVersion(modelId);
            PublishPolicy.Decision decision = published == null
                    ? policy.decide(auc, null, null, Times.now())
                    : policy.decide(auc, published.metrics().getJsonNumber("auc").doubleValue(), published.trainedOn(),
                    Times.now());
            if (decision.publish()) {
                models.publishVersion(modelId, number);
            }
            return new Trained(number, auc, result.trainingRows(), decision);
        } catch (NotEnoughDataException e) {
            // the message says it all: no cause, so that what reports the root cause reports this one
            throw failed(modelId, e.getMessage() + " closed leads that the model's business process and filter select"
                    + " in the last " + d.trainingWindowDays() + " days", null);
        } catch (NothingToLearnException e) {
            throw failed(modelId, e.getMessage(), null);
        } catch (RuntimeException | Error e) {
            // the model's page says what happened without the exception's own text; the log has the details
            String incident = java.util.UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Training model " + d.name() + " failed, incident " + incident, e);
            throw failed(modelId, "Training failed unexpectedly; the server log has incident " + incident, e);
        }
    }

    /**
     * The attributes a training learns from, the closed leads with their values, the leakage warnings and (for
     * "auto") the ranking of every candidate. A configured list is taken as it is; "auto" ranks every attribute
     * a model may read on the closed leads (AttributeRanking) and keeps those that help.
     */
    record Chosen(List<AttributeSpec> specs, List<TrainingRow> rows, List<Leakage.Warning> warnings,
                  List<AttributeRanking.Ranked> ranking) {
    }

    Chosen choose(ModelDefinition d) {
        if (!d.auto()) {
            List<TrainingRow> rows = data.collect(d);
            return new Chosen(d.specs(), rows, Leakage.check(d.specs(), rows, data.openSample(d, d.specs(), OPEN_SAMPLE)),
                    null);
        }
        List<AttributeSpec> candidates = candidates();
        List<TrainingRow> rows = data.collect(d, candidates);
        int qualified = (int) rows.stream().filter(TrainingRow::qualified).count();
        if (qualified < MINIMUM_PER_CLASS || rows.size() - qualified < MINIMUM_PER_CLASS) {
            throw new NotEnoughDataException(qualified, rows.size() - qualified, MINIMUM_PER_CLASS);
        }
        List<AttributeRanking.Ranked> ranking = rank(d, candidates, rows);
        List<AttributeSpec> specs = AttributeRanking.chosen(candidates, ranking);
        if (specs.isEmpty()) {
            throw new NothingToLearnException("No attribute tells qualified from disqualified leads apart on the "
                    + rows.size() + " closed leads; pin the attributes to learn from, or list them");
        }
        List<Leakage.Warning> warnings = ranking.stream().flatMap(r -> r.warnings().stream()).toList();
        return new Chosen(specs, rows, warnings, ranking);
    }

    /** "Auto" chose nothing to learn from: the model says so and fails. */
    static class NothingToLearnException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NothingToLearnException(String message) {
            super(message);
        }
    }

    /**
     * Every attribute a model may read, ranked on the model's closed leads as "auto" would choose (its pinned and
     * dropped ones included), without training. 404 for an unknown model.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<AttributeRanking.Ranked> suggest(String modelId) {
        return rank(self.definition(modelId));
    }

    /** Every candidate for the model, ranked on its closed leads as "auto" would: what suggest-attributes answers. */
    public List<AttributeRanking.Ranked> rank(ModelDefinition d) {
        List<AttributeSpec> candidates = candidates();
        return rank(d, candidates, data.collect(d, candidates));
    }

    private List<AttributeRanking.Ranked> rank(ModelDefinition d, List<AttributeSpec> candidates, List<TrainingRow> rows) {
        return AttributeRanking.rank(candidates, rows, data.openSample(d, candidates, OPEN_SAMPLE),
                java.util.Set.copyOf(d.pinned()), java.util.Set.copyOf(d.dropped()), ModelDefinition::leftOutByAuto);
    }

    private List<AttributeSpec> candidates() {
        return models.availableAttributes().stream().map(a -> new AttributeSpec(a.path(), a.label(), false)).toList();
    }

    private TrainingFailedException failed(String modelId, String message, Throwable cause) {
        self.fail(modelId, message);
        return new TrainingFailedException(message, cause);
    }

    /** The version of a model that scores leads now, or null. */
    public ModelVersion publishedVersion(String modelId) {
        ModelConfig m = repository.find(modelId).orElse(null);
        if (m == null || m.publishedVersion() == null) {
            return null;
        }
        return models.version(modelId, m.publishedVersion());
    }

    public ModelDefinition definition(String modelId) {
        return repository.find(modelId).orElseThrow(() -> new io.leadscore.common.NotFoundException("model", modelId))
                .definition();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int store(String modelId, ModelDefinition d, TrainingResult r, Chosen chosen, double[] scoreShares,
                     byte[] artifact) {
        ModelConfig m = repository.find(modelId).orElseThrow();
        Integer last = repository.lastVersionNumber(modelId);
        int number = last == null ? 1 : last + 1;
        ModelVersion v = new ModelVersion(modelId, number, d, metrics(r, chosen, scoreShares), factors(r.factors()),
                ModelArtifact.checksum(artifact), artifact.length, r.trainingRows(), r.qualified(), r.disqualified(),
                r.millis(), Times.now());
        repository.addVersion(v, artifact);
        m.trained(number);
        return number;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void fail(String modelId, String message) {
        repository.find(modelId).ifPresent(m -> m.failed(message));
    }

    /**
     * Training's figures, with the leakage warnings (attribute, kind, text and the figures behind it) and, for an
     * "auto" model, the ranking of every candidate (chosen or not, and why): the chosen list of the version.
     */
    static JsonObject metrics(TrainingResult r, Chosen chosen, double[] scoreShares) {
        JsonArrayBuilder shares = JSON.createArrayBuilder();
        for (double x : scoreShares) {
            shares.add(Math.round(x * 10_000) / 10_000.0);
        }
        jakarta.json.JsonObjectBuilder m = JSON.createObjectBuilder(r.metrics().toJson())
                .add("warnings", within(warnings(chosen.warnings()), 6_000)).add("scoreShares", shares);
        if (chosen.ranking() != null) {
            // the stored copy keeps the chosen ones first, then as many others as fit its column
            List<AttributeRanking.Ranked> ordered = new java.util.ArrayList<>(chosen.ranking());
            ordered.sort(java.util.Comparator.comparing(x -> !x.chosen()));
            JsonArray all = ranking(ordered);
            JsonArray kept = within(all, 14_000);
            m.add("attributeRanking", kept);
            if (kept.size() < all.size()) {
                m.add("attributeRankingOmitted", all.size() - kept.size());
            }
        }
        m.add("trainingRows", r.trainingRows()).add("qualified", r.qualified())
                .add("disqualified", r.disqualified()).add("evaluationRows", r.evaluationRows())
                .add("allHistory", r.allHistory())
                .add("epochs", r.fit().epochs()).add("treeShare", r.blend().treeShare())
                .add("treeRounds", r.blend().treeRounds());
        if (r.blend().treesUnavailable() != null) {
            m.add("treesUnavailable", r.blend().treesUnavailable());
        }
        return m.add("trainingMillis", r.millis()).build();
    }

    /** The first entries of {@code all} whose JSON stays within {@code chars} (the version's metrics column is bounded). */
    static JsonArray within(JsonArray all, int chars) {
        JsonArrayBuilder kept = JSON.createArrayBuilder();
        int used = 2;
        for (jakarta.json.JsonValue v : all) {
            int size = v.toString().length() + 1;
            if (used + size > chars) {
                break;
            }
            kept.add(v);
            used += size;
        }
        return kept.build();
    }

    public static JsonArray warnings(List<Leakage.Warning> warnings) {
        JsonArrayBuilder w = JSON.createArrayBuilder();
        for (Leakage.Warning x : warnings) {
            jakarta.json.JsonObjectBuilder o = JSON.createObjectBuilder().add("attribute", x.attribute())
                    .add("label", x.label()).add("kind", x.kind()).add("text", x.text())
                    .add("singleAttributeAuc", x.singleAttributeAuc()).add("filledClosed", x.filledClosed());
            if (x.filledOpen() != null) {
                o.add("filledOpen", x.filledOpen());
            }
            if (x.filledNewest() != null) {
                o.add("filledNewest", x.filledNewest());
            }
            w.add(o);
        }
        return w.build();
    }

    /** Each candidate: path, label, gain (its single-attribute AUC above 0.5), filled, chosen, why, warnings. */
    public static JsonArray ranking(List<AttributeRanking.Ranked> ranking) {
        JsonArrayBuilder arr = JSON.createArrayBuilder();
        for (AttributeRanking.Ranked r : ranking) {
            arr.add(JSON.createObjectBuilder().add("path", r.path()).add("label", r.label()).add("gain", r.gain())
                    .add("filled", r.filled()).add("chosen", r.chosen()).add("why", r.why())
                    .add("warnings", warnings(r.warnings())));
        }
        return arr.build();
    }

    static JsonArray factors(List<Factor> factors) {
        JsonArrayBuilder arr = JSON.createArrayBuilder();
        for (Factor f : factors) {
            JsonArrayBuilder values = JSON.createArrayBuilder();
            f.values().stream().limit(12).forEach(v -> values.add(JSON.createObjectBuilder().add("value", v.value())
                    .add("impact", v.impact()).add("leads", v.leads())));
            arr.add(JSON.createObjectBuilder().add("attribute", f.attribute()).add("label", f.label())
                    .add("influence", f.influence()).add("share", f.share()).add("values", values));
        }
        return arr.build();
    }
}
