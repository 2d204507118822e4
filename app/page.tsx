import Link from 'next/link';
import { JoinForm } from './components/JoinForm';

export default function Home() {
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-10 px-5 py-10 sm:py-16">
      <header className="text-center">
        <h1 className="text-5xl font-black tracking-tight sm:text-7xl">
          GAN <span className="text-accent">Arena</span>
        </h1>
        <p className="mx-auto mt-4 max-w-2xl text-lg text-slate-300 sm:text-xl">
          You are the discriminator. A real neural network is the generator. Every round, your class judges which
          images are real, and your votes train the network that is trying to fool you.
        </p>
      </header>

      <div className="grid gap-5 md:grid-cols-3">
        <section className="min-w-0 rounded-2xl border border-edge bg-panel p-5 sm:p-6">
          <h2 className="text-2xl font-bold">Join a game</h2>
          <p className="mt-1 text-slate-400">Your teacher shows a 6-digit PIN.</p>
          <JoinForm />
        </section>

        <section className="flex min-w-0 flex-col rounded-2xl border border-edge bg-panel p-5 sm:p-6">
          <h2 className="text-2xl font-bold">Host a game</h2>
          <p className="mt-1 flex-1 text-slate-400">
            For the projector. This browser trains the generator on its GPU (WebGPU, WebGL, WASM or CPU) while the class plays.
          </p>
          <Link
            href="/host"
            className="mt-5 rounded-xl bg-accent px-5 py-4 text-center text-xl font-bold text-ink hover:brightness-110 focus:outline-none focus-visible:ring-4 focus-visible:ring-white"
          >
            Host a game
          </Link>
        </section>

        <section className="flex min-w-0 flex-col rounded-2xl border border-edge bg-panel p-5 sm:p-6">
          <h2 className="text-2xl font-bold">Play solo</h2>
          <p className="mt-1 flex-1 text-slate-400">
            Alone against a generator that evolves in your own browser, and a Lab for free experiments.
          </p>
          <div className="mt-5 grid grid-cols-2 gap-3">
            <Link
              href="/solo"
              className="rounded-xl bg-accent px-4 py-4 text-center text-xl font-bold text-ink hover:brightness-110 focus:outline-none focus-visible:ring-4 focus-visible:ring-white"
            >
              Play solo
            </Link>
            <Link
              href="/lab"
              className="rounded-xl border-2 border-accent px-4 py-4 text-center text-xl font-bold text-accent hover:bg-accent/10 focus:outline-none focus-visible:ring-4 focus-visible:ring-white"
            >
              Open the Lab
            </Link>
          </div>
        </section>
      </div>

      <nav className="flex flex-wrap justify-center gap-4 text-lg" aria-label="More">
        <Link href="/lessons" className="rounded-xl border border-edge px-5 py-3 hover:border-accent">
          Lesson cards: the whole curriculum
        </Link>
        <Link href="/teacher" className="rounded-xl border border-edge px-5 py-3 hover:border-accent">
          Teachers: sign in and review your sessions
        </Link>
      </nav>

      <section className="rounded-2xl border border-edge bg-panel/60 p-6 text-slate-300">
        <h2 className="text-xl font-bold text-white">How a round works</h2>
        <ol className="mt-3 grid gap-3 sm:grid-cols-4">
          <li><b className="text-accent">1. Generate.</b> The host&apos;s browser draws fakes with the generator.</li>
          <li><b className="text-accent">2. Judge.</b> Everyone marks each image real or fake before time runs out.</li>
          <li><b className="text-accent">3. Reveal.</b> See who was fooled, and which fake fooled the most.</li>
          <li><b className="text-accent">4. Train.</b> Your votes become real training steps. The generator gets better.</li>
        </ol>
      </section>
    </main>
  );
}
