/**
 * The scoring engine, in plain Java and DL4J: feature encoding of a lead's attributes, the network,
 * calibration to a probability, quality metrics, reasons and insights, and the saved artifact that
 * carries all of them. Nothing here knows about JPA, EJB or REST; {@code io.leadscore.model} feeds it
 * leads and keeps its versions.
 */
package io.leadscore.scoring;
