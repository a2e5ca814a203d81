package org.sipsocial.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToneTest {
    @TempDir
    Path temp;

    @Test
    void a_written_tone_is_found_for_its_whole_length_at_its_frequency_and_not_at_another() {
        short[] samples = Tone.samples(Tone.write(temp.resolve("tone.wav"), 1000, 2.0));
        assertThat(samples).hasSize(16000);
        assertThat(Tone.secondsOf(samples, 1000, 0.8)).isEqualTo(2.0);
        assertThat(Tone.secondsOf(samples, 440, 0.8)).isZero();
    }

    @Test
    void silence_carries_no_tone() {
        assertThat(Tone.secondsOf(new short[16000], 1000, 0.5)).isZero();
    }
}
