package io.leadscore.scoring;

/**
 * What training saw for one value of an attribute (a category, or a range of a number): how many
 * closed leads had it, how many of those qualified, and the median days from creation to
 * qualification. Insights are written from it.
 */
record ValueGroup(String key, String description, int leads, int qualified, Double medianDaysToQualify) {

    public double qualificationRate() {
        return leads == 0 ? 0 : (double) qualified / leads;
    }
}
