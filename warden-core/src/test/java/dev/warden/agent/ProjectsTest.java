package dev.warden.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProjectsTest {

    @Test
    void contains_projectAndEnvironment() {
        Projects p = new Projects(Map.of("shop", Set.of("prod", "dev")));

        assertThat(p.contains("shop", "prod")).isTrue();
        assertThat(p.contains("shop", "staging")).isFalse();
        assertThat(p.contains("lab", "prod")).isFalse();
        assertThat(p.containsProject("shop")).isTrue();
        assertThat(p.containsProject("lab")).isFalse();
    }

    @Test
    void constructor_copiesMapAndEnvironmentSets() {
        Set<String> envs = new HashSet<>(Set.of("prod"));
        Map<String, Set<String>> map = new HashMap<>(Map.of("shop", envs));
        Projects p = new Projects(map);

        envs.add("rogue-env");
        map.put("rogue-project", Set.of("prod"));

        assertThat(p.contains("shop", "rogue-env")).isFalse();
        assertThat(p.containsProject("rogue-project")).isFalse();
        assertThatThrownBy(() -> p.environments().get("shop").add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
