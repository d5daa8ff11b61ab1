package io.leadscore.scoring;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttributeRankingTest {

    private static Map<String, AttributeRanking.Ranked> byPath(List<AttributeRanking.Ranked> ranking) {
        return ranking.stream().collect(Collectors.toMap(AttributeRanking.Ranked::path, Function.identity()));
    }

    @Test
    void keepsWhatHelpsLeavesOutLeaksAndNoiseAndSaysWhy() {
        List<AttributeRanking.Ranked> ranking = AttributeRanking.rank(LeakageTest.SPECS, LeakageTest.closed(),
                LeakageTest.open(500), Set.of(), Set.of());
        Map<String, AttributeRanking.Ranked> r = byPath(ranking);
        assertEquals(4, ranking.size(), "every candidate is ranked");
        assertTrue(r.get("attributes/visits").chosen(), r.get("attributes/visits").why());
        assertTrue(r.get("attributes/visits").why().startsWith("tells the outcome apart alone with AUC 0.7"),
                r.get("attributes/visits").why());
        assertFalse(r.get("industry").chosen());
        assertTrue(r.get("industry").why().startsWith("tells too little alone (AUC ")
                && r.get("industry").why().endsWith("tells more than chance on 2000 leads)"), r.get("industry").why());
        assertFalse(r.get("attributes/tag").chosen(), "a leak is left out");
        assertTrue(r.get("attributes/tag").why().startsWith("may leak the outcome: Tag alone tells"), r.get("attributes/tag").why());
        assertFalse(r.get("attributes/lostReason").chosen());
        assertEquals(List.of("attributes/visits"), AttributeRanking.chosen(LeakageTest.SPECS, ranking).stream()
                .map(AttributeSpec::path).toList());
        // best first: the leaky tag tells the most, the industry the least
        assertTrue(ranking.get(0).gain() >= ranking.get(1).gain() && ranking.get(3).path().equals("industry"),
                ranking.toString());
    }

    @Test
    void whatTheCallerLeavesOutIsRankedButKeptOnlyWhenPinned() {
        Map<String, String> leftOut = Map.of("attributes/visits", "identifies a person");
        Map<String, AttributeRanking.Ranked> r = byPath(AttributeRanking.rank(LeakageTest.SPECS, LeakageTest.closed(),
                LeakageTest.open(500), Set.of(), Set.of(), leftOut::get));
        assertFalse(r.get("attributes/visits").chosen());
        assertEquals("identifies a person; kept only when pinned", r.get("attributes/visits").why());
        assertTrue(r.get("attributes/visits").gain() > 0.1, "ranked all the same: what pinning it would bring");
        Map<String, AttributeRanking.Ranked> pinned = byPath(AttributeRanking.rank(LeakageTest.SPECS,
                LeakageTest.closed(), LeakageTest.open(500), Set.of("attributes/visits"), Set.of(), leftOut::get));
        assertTrue(pinned.get("attributes/visits").chosen());
        assertEquals("pinned by an administrator", pinned.get("attributes/visits").why());
    }

    @Test
    void anAdministratorPinsALeakAndDropsAHelper() {
        List<AttributeRanking.Ranked> ranking = AttributeRanking.rank(LeakageTest.SPECS, LeakageTest.closed(),
                LeakageTest.open(500), Set.of("attributes/tag"), Set.of("attributes/visits"));
        Map<String, AttributeRanking.Ranked> r = byPath(ranking);
        assertTrue(r.get("attributes/tag").chosen());
        assertEquals("pinned by an administrator", r.get("attributes/tag").why());
        assertFalse(r.get("attributes/tag").warnings().isEmpty(), "a pinned leak keeps its warning");
        assertFalse(r.get("attributes/visits").chosen());
        assertEquals("dropped by an administrator", r.get("attributes/visits").why());
        assertEquals("attributes/tag", ranking.get(0).path(), "pinned ones first");
    }
}
