package io.connectionhub.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.connectionhub.user.NewUser;
import io.connectionhub.user.UserRules;

/**
 * Cuts the file's entries into write batches, in file order. Entries before {@code resumeAt} were written by an
 * earlier attempt and are skipped. A batch never holds one email or user id twice: an entry repeating one
 * starts the next batch, so a repeat meets the earlier entry in the database exactly as it would across batches.
 */
final class ImportBatches {

    /** One entry of the file: where it was, what it said, and whether it passed the checks. */
    record Item(long index, JsonNode raw, UserRules.Checked checked) {
    }

    /** Consecutive entries written in one transaction; {@code nextIndex} is where the file resumes after it. */
    record Batch(List<Item> items, long nextIndex) {
    }

    private final int size;
    private final long resumeAt;
    private long nextIndex;
    private List<Item> current = new ArrayList<>();
    private final Set<String> emails = new HashSet<>();
    private final Set<String> userIds = new HashSet<>();

    ImportBatches(int size, long resumeAt) {
        this.size = size;
        this.resumeAt = resumeAt;
    }

    List<Batch> add(List<JsonNode> entries) {
        List<Batch> ready = new ArrayList<>();
        for (JsonNode raw : entries) {
            long index = nextIndex++;
            if (index < resumeAt) {
                continue;
            }
            UserRules.Checked checked = UserRules.checkImportEntry(raw);
            NewUser user = checked.user();
            if (user != null && (emails.contains(user.emailKey()) || userIds.contains(user.idSuffix()))) {
                ready.add(cut(index));
            }
            current.add(new Item(index, raw, checked));
            if (user != null) {
                emails.add(user.emailKey());
                userIds.add(user.idSuffix());
            }
            if (current.size() >= size) {
                ready.add(cut(index + 1));
            }
        }
        return ready;
    }

    /** What is left at the end of the file. */
    List<Batch> flush() {
        return current.isEmpty() ? List.of() : List.of(cut(nextIndex));
    }

    private Batch cut(long next) {
        Batch batch = new Batch(current, next);
        current = new ArrayList<>();
        emails.clear();
        userIds.clear();
        return batch;
    }
}
