/** Cards T01–T05: what generative models are, the network basics, and the two players of a GAN. */
import type { LessonCard } from './types';

export const FOUNDATION_CARDS: LessonCard[] = [
  {
    id: 'T01',
    topic: 'T01',
    title: 'Making data vs labelling data',
    summary: 'A generator learns what the data looks like; a classifier only learns to sort it.',
    group: 'Foundations',
    body: [
      { kind: 'p', text: 'Most neural networks you meet are **discriminative**: shown a picture, they answer a question about it, like "which digit is this?". In maths that is $p(y \\mid x)$, the chance of label $y$ given image $x$.' },
      { kind: 'p', text: 'A **generative** model tries something harder: it learns what the images themselves look like, $p(x)$, well enough to make brand-new ones that were never in the data.' },
      { kind: 'p', text: 'What that is good for:' },
      {
        kind: 'list',
        items: [
          'extra training examples when real ones are rare (synthetic data)',
          'filling in or sharpening images (repair, super-resolution)',
          'creative tools: art, design, music, game levels',
        ],
      },
      { kind: 'p', text: 'Below: real images from the dataset next to ones the generator made.' },
    ],
    live: ['realSamples', 'samples'],
    check: {
      prompt: 'Which model needs to know what a whole handwritten 7 looks like?',
      choices: [
        'A classifier that says which digit it sees',
        'A generator that draws new digits',
        'Both need exactly the same knowledge',
      ],
      answer: 1,
      explanation: 'A classifier only needs the features that separate classes, p(y|x). A generator must model the image itself, p(x), or its drawings give it away.',
    },
  },
  {
    id: 'T02',
    topic: 'T02',
    title: 'Layers, activations and backpropagation',
    summary: 'A network is stacked layers; gradients flow backwards through D into G.',
    group: 'Foundations',
    body: [
      { kind: 'p', text: 'A **layer** takes a list of numbers, multiplies it by a grid of weights, adds a bias and passes the result on: $h = f(Wx + b)$.' },
      { kind: 'p', text: 'The **activation** $f$ bends the result (ReLU keeps positives, LeakyReLU lets a little negative through, tanh squashes into −1…1). Without it, a stack of layers would collapse into one straight-line function and could never draw a curve.' },
      { kind: 'p', text: '**Backpropagation** measures how much each weight is to blame for the loss, working backwards from the output with the chain rule, and nudges every weight a little downhill:' },
      { kind: 'math', tex: String.raw`w \leftarrow w - \eta\,\frac{\partial L}{\partial w}` , caption: 'η is the learning rate: the size of each nudge.' },
      { kind: 'p', text: 'In a GAN the generator never sees the data. Its gradient comes **through the discriminator**: D says how "fake" an image looks, and backprop carries that back through D into G\u2019s weights.' },
    ],
    live: ['layerSizes', 'gradientNorm'],
    check: {
      prompt: 'How does the generator find out how to improve?',
      choices: [
        'It compares its images pixel by pixel with real ones',
        'Gradients of D\u2019s verdict flow back through D into G\u2019s weights',
        'The players tell it which pixels were wrong',
        'It copies the discriminator\u2019s weights',
      ],
      answer: 1,
      explanation: 'G is only ever scored by D. Backpropagation runs through D (whose weights stay fixed during G\u2019s step) and on into G, telling each weight which way makes D say "real" more.',
    },
  },
  {
    id: 'T03',
    topic: 'T03',
    title: 'What a GAN is (and how a VAE differs)',
    summary: 'Two networks, one game: a forger and a detective that train each other.',
    group: 'Foundations',
    body: [
      { kind: 'p', text: 'A **Generative Adversarial Network** is two networks locked in a contest:' },
      {
        kind: 'list',
        items: [
          'the **generator** G, a forger, turns random noise into images;',
          'the **discriminator** D, a detective, looks at an image and says how likely it is to be real.',
        ],
      },
      { kind: 'p', text: 'Each one\u2019s mistakes are the other\u2019s training signal. As D gets sharper, G has to get better to fool it, and the other way round. In GAN Arena, *you* are part of D.' },
      { kind: 'p', text: 'A **VAE** (variational autoencoder) learns differently: it squeezes each real image into a small code and learns to rebuild the image from it, scored on how close the copy is. It trains steadily but its images tend to be blurry. A GAN never copies a particular image; it is scored only on whether D is fooled, which gives sharper pictures and a harder, less stable training.' },
    ],
    live: [],
    check: {
      prompt: 'What is the main difference between how a GAN and a VAE are trained?',
      choices: [
        'A VAE is scored on rebuilding real images; a GAN\u2019s generator is scored only by a second network',
        'A GAN uses no neural networks',
        'A VAE needs humans to label every image',
      ],
      answer: 0,
      explanation: 'A VAE encodes and rebuilds, and is judged on how close the rebuilt image is. A GAN\u2019s generator never sees a target image: its only feedback is whether the discriminator was fooled.',
    },
  },
  {
    id: 'T04',
    topic: 'T04',
    title: 'The generator: noise in, picture out',
    summary: 'G turns a random vector z into an image, and learns only through D.',
    group: 'The game',
    body: [
      { kind: 'p', text: 'The generator starts from a list of random numbers, the **latent vector** $z$, drawn from a normal distribution: $z \\sim \\mathcal{N}(0, I)$. Each new $z$ gives a new image $G(z)$.' },
      { kind: 'p', text: 'At first $G$ is random, so $G(z)$ is grey static. Training changes $G$\u2019s weights, not $z$: the same $z$ turns, step by step, into something that looks like a digit (see the strip below).' },
      { kind: 'p', text: 'The generator\u2019s loss is just "how sure was D that my fakes were fake?":' },
      { kind: 'math', tex: String.raw`\mathcal{L}_G = -\,\mathbb{E}_{z}\big[\log D(G(z))\big]`, caption: 'Small when D(G(z)) is close to 1, i.e. when D is fooled.' },
    ],
    live: ['samplesOverTime', 'latentDim'],
    check: {
      prompt: 'During training, what changes so that the same z gives a better image?',
      choices: ['The value of z', 'The generator\u2019s weights', 'The dataset', 'The discriminator\u2019s output layer only'],
      answer: 1,
      explanation: 'z is just the random input. Training adjusts G\u2019s weights, so the same z is mapped to a more convincing image later on.',
    },
  },
  {
    id: 'T05',
    topic: 'T05',
    title: 'The discriminator and its loss',
    summary: 'D outputs P(real) and is trained with binary cross-entropy.',
    group: 'The game',
    body: [
      { kind: 'p', text: 'The discriminator looks at one image and outputs a number between 0 and 1: its belief that the image is **real**. Real images should get $D(x) \\approx 1$, fakes $D(G(z)) \\approx 0$.' },
      { kind: 'p', text: 'It is trained with **binary cross-entropy** (BCE), which punishes confident mistakes hardest:' },
      { kind: 'math', tex: String.raw`\mathrm{BCE}(p, y) = -\big[\,y \log p + (1 - y)\log(1 - p)\,\big]` },
      { kind: 'p', text: 'With label 1 for real and 0 for fake, D\u2019s loss over one real and one fake is:' },
      { kind: 'math', tex: String.raw`\mathcal{L}_D = -\big[\log D(x) + \log\big(1 - D(G(z))\big)\big]` },
      { kind: 'p', text: 'When you vote, you are doing D\u2019s job. The chart shows D\u2019s average score on real and on fake images during training.' },
    ],
    live: ['dTrace'],
    check: {
      prompt: 'D gives a real image a score of 0.01. What happens to its loss?',
      choices: ['Nothing: 0.01 is close to 0', 'It is large, because log(0.01) is very negative', 'It becomes exactly zero', 'It only changes G\u2019s loss'],
      answer: 1,
      explanation: 'For a real image the loss term is −log D(x) = −log 0.01 ≈ 4.6, a big penalty for being confidently wrong. A correct D(x) = 0.99 costs only about 0.01.',
    },
  },
];
