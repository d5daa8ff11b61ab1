package io.leadscore.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * How far a rescore is, over every execution and server of its job instance: its ranges, how many are done, the
 * leads its committed chunks read and the new scores they wrote, which servers hold ranges now (their lease still
 * runs) and which finished how many.
 */
public record Progress(int ranges, int done, long read, long scored, Map<String, Integer> working,
                       Map<String, Integer> finishedBy) {

    static Progress of(List<RescorePartitionRepository.State> states, Instant now) {
        int done = 0;
        long read = 0;
        long scored = 0;
        Map<String, Integer> working = new TreeMap<>();
        Map<String, Integer> finished = new TreeMap<>();
        for (RescorePartitionRepository.State s : states) {
            read += s.read();
            scored += s.scored();
            if (s.done()) {
                done++;
                finished.merge(s.owner(), 1, Integer::sum);
            } else if (s.owner() != null && s.leaseUntil() != null && !s.leaseUntil().isBefore(now)) {
                working.merge(s.owner(), 1, Integer::sum);
            }
        }
        return new Progress(states.size(), done, read, scored, Map.copyOf(working), Map.copyOf(finished));
    }

    /** "1000 leads read, 990 new scores; ranges finished by a@host 10, b@host 6" (the job's exit status). */
    public String summary() {
        StringJoiner by = new StringJoiner(", ", "; ranges finished by ", "").setEmptyValue("");
        new TreeMap<>(finishedBy).forEach((server, n) -> by.add(server + " " + n));
        return read + " leads read, " + scored + " new scores" + by;
    }
}
