/** Opening a game as the host, the way every classroom spec starts. */
import { type Page, expect } from '@playwright/test';

/**
 * Opens /host with `query`, reads the game's PIN, and waits until the trainer has chosen a backend
 * and built its models. Returns the PIN and the backend.
 */
export async function hostGame(host: Page, query = 'preset=tiny&levels=noise'): Promise<{ pin: string; backend: string }> {
  await host.goto(`/host?${query}`);
  const pin = (await host.getByTestId('pin').textContent())!.trim();
  expect(pin).toMatch(/^\d{6}$/);
  await expect(host.getByTestId('backend')).toHaveAttribute('data-backend', /^(webgpu|webgl|wasm|cpu)$/, { timeout: 120_000 });
  return { pin, backend: (await host.getByTestId('backend').getAttribute('data-backend'))! };
}
