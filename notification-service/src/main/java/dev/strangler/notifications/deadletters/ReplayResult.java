package dev.strangler.notifications.deadletters;

import java.util.List;

/**
 * What a replay of the dead-letter topics did.
 *
 * @param replayed dead letters handled now: the e-mail sent (or recorded as the monolith's)
 * @param alreadyDone dead letters whose event had been handled already (an earlier replay, or a later redelivery)
 * @param failed dead letters that still fail (SMTP still down, poison, user still unknown); they stay on the topic
 * @param failures the first reasons of those failures
 */
record ReplayResult(int replayed, int alreadyDone, int failed, List<String> failures) {
}
