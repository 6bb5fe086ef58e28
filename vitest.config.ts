// Test tiers (house rule 10): unit tests sit next to pure modules; integration tests use real SQLite,
// real ffmpeg, real audio and (later) the real ONNX model. End-to-end tests run under Playwright.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Native modules (better-sqlite3, faiss-node, onnxruntime) are safest in child processes.
          pool: 'forks',
          // Two cores: integration files spawn ffmpeg and servers; run them one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
