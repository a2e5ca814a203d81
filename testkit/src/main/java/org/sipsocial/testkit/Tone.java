package org.sipsocial.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A pure tone as an 8 kHz, 16-bit, mono WAV file (what baresip's {@code aufile} plays), and the Goertzel
 * measure that tells whether a recording carries it: the tone's power against the power of the whole signal.
 */
public final class Tone {
    public static final int SAMPLE_RATE = 8000;

    private Tone() {
    }

    /** Writes {@code seconds} of a sine at {@code hertz}, at half of full scale. */
    public static Path write(Path file, double hertz, double seconds) {
        int samples = (int) (seconds * SAMPLE_RATE);
        ByteBuffer wav = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + 2 * samples).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (0.5 * Short.MAX_VALUE * Math.sin(2 * Math.PI * hertz * i / SAMPLE_RATE)));
        }
        try {
            return Files.write(file, wav.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 16-bit mono samples of a PCM WAV file (its {@code data} chunk). */
    public static short[] samples(Path file) {
        try {
            ByteBuffer wav = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            wav.position(12);
            while (wav.remaining() >= 8) {
                byte[] id = new byte[4];
                wav.get(id);
                int size = wav.getInt();
                if (new String(id).equals("data")) {
                    int count = Math.min(size, wav.remaining()) / 2;
                    short[] samples = new short[count];
                    wav.asShortBuffer().get(samples);
                    return samples;
                }
                wav.position(wav.position() + size + (size & 1));
            }
            return new short[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many seconds of {@code samples} carry {@code hertz}: the count of 100 ms blocks whose power at that
     * frequency (Goertzel) is at least {@code share} of the block's whole power and which are not silence.
     */
    public static double secondsOf(short[] samples, double hertz, double share) {
        int block = SAMPLE_RATE / 10;
        int carrying = 0;
        for (int start = 0; start + block <= samples.length; start += block) {
            double total = 0;
            for (int i = start; i < start + block; i++) {
                total += (double) samples[i] * samples[i];
            }
            if (total / block < 1000 * 1000) {
                continue; // quieter than about -30 dBFS: silence or comfort noise
            }
            double tone = goertzelPower(samples, start, block, hertz);
            if (tone / (total * block / 2) >= share) {
                carrying++;
            }
        }
        return carrying / 10.0;
    }

    private static double goertzelPower(short[] samples, int start, int length, double hertz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hertz / SAMPLE_RATE);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = start; i < start + length; i++) {
            double current = samples[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }
}
