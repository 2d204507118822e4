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
        'A classifier, because it must recognise every kind of 7 it is shown',
        'Both need exactly the same knowledge of the image',
        'A generator that draws new digits',
      ],
      answer: 2,
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
      { kind: 'p', text: 'The panel\u2019s "size of G\u2019s gradient" is the length of that whole gradient, all of G\u2019s weights together, measured during training (a room\u2019s: averaged over its last round\u2019s G steps): how hard D is pushing on G.' },
    ],
    live: ['layerSizes', 'gradientNorm'],
    check: {
      prompt: 'How does the generator find out how to improve?',
      choices: [
        'It compares its images pixel by pixel with real ones',
        'The players\u2019 votes tell it directly which pixels gave it away',
        'Gradients of D\u2019s verdict flow back through D into G\u2019s weights',
        'Its step changes D\u2019s weights until D calls its fakes real',
      ],
      answer: 2,
      explanation: 'G never sees a real image, and your votes train D, not G. G is only ever scored by D: backpropagation runs through D (whose weights stay fixed during G\u2019s step) and on into G, telling each of G\u2019s weights which way makes D say "real" more.',
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
      { kind: 'p', text: 'A **VAE** (variational autoencoder) learns differently: it squeezes each real image into a small code and learns to rebuild the image from it, scored on how close the copy is. It trains steadily but its images tend to be blurry. A GAN is never asked to rebuild a particular image; it is scored only on whether D is fooled, which gives sharper pictures and a harder, less stable training.' },
      { kind: 'p', text: 'Not being asked to copy is not the same as never copying. A GAN trained long on a small dataset can **memorise** some training images and hand them back almost unchanged, which matters when those images are private or someone else\u2019s work. That is why people compare generated images with their nearest neighbours in the training set.' },
    ],
    live: [],
    check: {
      prompt: 'What is the main difference between how a GAN and a VAE are trained?',
      choices: [
        'A VAE is scored on rebuilding real images; a GAN\u2019s generator is scored only by a second network',
        'A GAN rebuilds each training image from a small code; a VAE draws from pure noise',
        'A VAE needs a label for every image; a GAN learns from unlabelled images',
        'A GAN can never reproduce a training image; a VAE always does',
      ],
      answer: 0,
      explanation: 'A VAE encodes and rebuilds, and is judged on how close the rebuilt image is. A GAN\u2019s generator never sees a target image: its only feedback is whether the discriminator was fooled. Neither needs labels, and a GAN can still end up memorising some training images.',
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
      choices: [
        'The generator\u2019s weights',
        'The value of z: each step moves z towards a better starting point',
        'The discriminator\u2019s weights, so that it rates the same image higher',
        'The set of training images G copies from, a few more each step',
      ],
      answer: 0,
      explanation: 'z is just the random input and stays as it was drawn. Training adjusts G\u2019s weights, so the same z is mapped to a more convincing image later on. D\u2019s weights change too, but in D\u2019s own step, and they make D harder to fool, not easier.',
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
      { kind: 'p', text: 'When you vote, you are doing D\u2019s job. The chart shows D\u2019s average score on real images (solid line) and on fakes (dashed line) during training.' },
    ],
    live: ['dTrace'],
    check: {
      prompt: 'D gives a real image a score of 0.01. What happens to its loss?',
      choices: [
        'Almost nothing: 0.01 is a tiny number, so the error is tiny',
        'It is 0.99, the distance from the right answer of 1',
        'Only G\u2019s loss changes, because D was fooled',
        'It is large, about 4.6, because −log(0.01) is big: confident mistakes cost most',
      ],
      answer: 3,
      explanation: 'For a real image the loss term is −log D(x) = −log 0.01 ≈ 4.6, not the distance 0.99: BCE grows without limit as a confident answer gets more wrong. A correct D(x) = 0.99 costs only about 0.01. The mistake is D\u2019s, so it is D\u2019s loss that grows.',
    },
  },
];
