package dev.earshot.sample;

import java.util.List;

/**
 * A generated sample stream.
 *
 * @param lines the JSON Lines file's lines, in stream order (without line terminators)
 * @param posts every distinct valid post with its intended labels, in event-time order
 * @param scenario the facts to check Earshot's output against
 */
public record SampleStream(List<String> lines, List<GeneratedPost> posts, SampleScenario scenario) {

    public SampleStream {
        lines = List.copyOf(lines);
        posts = List.copyOf(posts);
    }
}
