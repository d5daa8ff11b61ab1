/**
 * The model manager: model configurations (which leads a model scores and from which attributes), their
 * training into immutable versions, publishing and rolling back, the registry of published models that
 * selects the model for a lead, and the scoring service that writes scores, grades, trends and history.
 * The engine itself (encoding, network, calibration, metrics, reasons) is {@code io.leadscore.scoring}.
 */
package io.leadscore.model;
