// A soft sine tone synthesised with Web Audio (no audio files), for phase changes and the start
// and end of timed practices. The audio context starts on the first tone the person asked for.

export interface Tone {
  /** Plays one short, quiet tone at `frequency` Hz. */
  play(frequency?: number): void;
  close(): void;
}

export function createTone(): Tone {
  let audio: AudioContext | null = null;
  return {
    play(frequency = 330) {
      if (typeof AudioContext === 'undefined') return;
      audio ??= new AudioContext();
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.08, audio.currentTime + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.6);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + 0.65);
    },
    close() {
      void audio?.close();
      audio = null;
    },
  };
}
