/** Cards T06–T10 and T18: the minimax game, the training loop, what goes wrong, and how to measure. */
import type { LessonCard } from './types';

export const TRAINING_CARDS: LessonCard[] = [
  {
    id: 'T06',
    topic: 'T06',
    title: 'The minimax game',
    summary: 'D maximises one value, G minimises it; in practice G uses the non-saturating loss.',
    group: 'The game',
    body: [
      { kind: 'p', text: 'Both players share one score, the **value function** $V(D, G)$. D wants it high (sure of real, sure of fake); G wants it low:' },
      { kind: 'math', tex: String.raw`\begin{aligned} \min_G \max_D \; V(D,G) = {} & \mathbb{E}_{x \sim p_{\text{data}}}\big[\log D(x)\big] \\ & + \mathbb{E}_{z \sim p_z}\big[\log\big(1 - D(G(z))\big)\big] \end{aligned}` },
      { kind: 'p', text: 'Taken literally, G would minimise $\\log(1 - D(G(z)))$. Early on, D easily spots the fakes, $D(G(z)) \\approx 0$, and that curve is almost flat there: G gets almost no gradient and stops learning. This is called **saturation**.' },
      { kind: 'p', text: 'So in practice G flips the question and maximises the chance of being called real, the **non-saturating** loss, which is steep exactly when G is losing:' },
      { kind: 'math', tex: String.raw`\mathcal{L}_G^{\text{NS}} = -\,\mathbb{E}_{z}\big[\log D(G(z))\big]` },
      { kind: 'p', text: 'The chart shows the two losses, step by step. Neither goes to zero: when one player improves, the other\u2019s loss rises. That tug-of-war is the game.' },
    ],
    live: ['losses'],
    check: {
      prompt: 'Why do most GANs train G with −log D(G(z)) instead of log(1 − D(G(z)))?',
      choices: [
        'It is faster to compute',
        'It gives G strong gradients early, when D easily rejects its fakes',
        'It makes D\u2019s job easier',
        'It removes the need for a discriminator',
      ],
      answer: 1,
      explanation: 'When D(G(z)) ≈ 0, log(1 − D(G(z))) is nearly flat, so G learns almost nothing. −log D(G(z)) is steepest right there, so G gets a useful push when it needs it most. Both have the same goal.',
    },
  },
  {
    id: 'T07',
    topic: 'T07',
    title: 'The training loop, and where your votes go',
    summary: 'Sample real, sample z, step D, step G, repeat; your votes add a human term to D.',
    group: 'The game',
    body: [
      { kind: 'p', text: 'Training a GAN is one loop, run thousands of times:' },
      {
        kind: 'list',
        items: [
          'take a **batch** of real images and a batch of random $z$;',
          'make fakes $G(z)$; update **D** to score reals high and fakes low;',
          'make fresh fakes; update **G** (D frozen) so that D scores them higher;',
          'repeat.',
        ],
      },
      { kind: 'p', text: 'In GAN Arena your round adds one thing to D\u2019s step. For each judged image $i$, with $n_i$ votes of which a fraction $h_i$ said "fake", D\u2019s loss gains a **human-alignment term**:' },
      { kind: 'math', tex: String.raw`\lambda \cdot \frac{1}{N}\sum_{i=1}^{N} w_i \,\mathrm{BCE}\big(D(x_i),\, 1 - h_i\big)` },
      { kind: 'math', tex: String.raw`w_i = \frac{n_i}{n_i + 1}`, caption: 'One vote counts half; many votes count almost fully.' },
      { kind: 'p', text: 'So D learns to see what you saw, and G, trained against that D, moves away from what you caught. Images with more votes count more; λ sets how loud the room is.' },
    ],
    live: ['losses', 'stepsThisRound', 'batchSize', 'backend'],
    check: {
      prompt: 'In one training step, which network is updated first, and what is frozen while G learns?',
      choices: [
        'G first; the dataset is frozen',
        'D first; D\u2019s weights are frozen while G is updated',
        'Both at once with the same loss',
        'G and D take turns at random',
      ],
      answer: 1,
      explanation: 'The usual loop updates D on reals and fakes, then updates G through D while keeping D\u2019s weights fixed, so G improves against the current detective instead of changing the detective itself.',
    },
  },
  {
    id: 'T08',
    topic: 'T08',
    title: 'When training goes wrong',
    summary: 'Unbalanced players and bad hyperparameters make GANs unstable.',
    group: 'Training in practice',
    example: 'badLr',
    body: [
      { kind: 'p', text: 'A GAN is two learners that must stay roughly level. Typical failures:' },
      {
        kind: 'list',
        items: [
          '**D wins too early**: it rejects every fake with total confidence, G\u2019s gradient fades and its images stop improving;',
          '**G outruns D**: D becomes useless and G drifts to odd images that happen to pass;',
          '**oscillation**: the losses swing up and down and never settle.',
        ],
      },
      { kind: 'p', text: 'The usual dials: the **learning rate** (too high and each step overshoots), **Adam\u2019s $\\beta_1$** (0.5 works better than the default 0.9 for GANs: less momentum, less swinging), the **batch size**, and how many D steps per G step.' },
      { kind: 'p', text: 'The example run here used a learning rate 25× too high and $\\beta_1 = 0.9$. Compare its curves with a healthy run.' },
    ],
    live: ['losses', 'dTrace', 'samples'],
    check: {
      prompt: 'D\u2019s score on fakes sits at 0.00 and G\u2019s samples stopped changing. What is most likely happening?',
      choices: [
        'The GAN has converged perfectly',
        'D is winning so completely that G gets almost no useful gradient',
        'G is winning',
        'The dataset is too small to matter',
      ],
      answer: 1,
      explanation: 'A discriminator that is certain about every fake leaves G with a vanishing gradient. Lowering D\u2019s learning rate, fewer D steps, label smoothing or the non-saturating loss all help G get back in the game.',
    },
  },
  {
    id: 'T09',
    topic: 'T09',
    title: 'Mode collapse',
    summary: 'G finds a few images that fool D and stops drawing anything else.',
    group: 'Training in practice',
    body: [
      { kind: 'p', text: 'The generator is rewarded for fooling D, not for variety. If a handful of outputs, say one neat "1", fool D reliably, G can learn to send almost every $z$ to that handful. This is **mode collapse**: the "modes" (the different kinds of image in the data) collapse into a few.' },
      { kind: 'p', text: 'How to spot it:' },
      {
        kind: 'list',
        items: [
          'samples look alike, even for very different $z$;',
          'a classifier sorting the samples finds some classes crowded and others empty;',
          'D catches up, G jumps to another favourite, and the cycle repeats.',
        ],
      },
      { kind: 'p', text: 'The bars show which digit a small classifier (trained by this project) sees in each of the generator\u2019s samples. Healthy: every digit near 10%. Collapsed: a few tall bars.' },
    ],
    live: ['histogram', 'samples'],
    check: {
      prompt: 'The class histogram of 500 generated digits shows 70% ones, 25% sevens and almost nothing else. What does this suggest?',
      choices: ['The generator is excellent', 'Mode collapse: G covers only a few modes of the data', 'The discriminator has collapsed', 'The dataset has mostly ones'],
      answer: 1,
      explanation: 'MNIST has about 10% of each digit. A generator that produces mostly two classes has collapsed onto a few modes, even if each image looks good on its own.',
    },
  },
  {
    id: 'T10',
    topic: 'T10',
    title: 'How good is a GAN? Measuring it',
    summary: 'Human studies, Fréchet distances and looking at samples each catch different things.',
    group: 'Training in practice',
    body: [
      { kind: 'p', text: 'A GAN has no single "right answer" to check against, so evaluation is hard. Three ways, each blind to something:' },
      {
        kind: 'list',
        items: [
          '**Human judgment**: show people real and generated images and measure how often they are fooled (the HYPE method). It is what GAN Arena does every round. 50% means people are at chance.',
          '**Fréchet distance** (FID): run real and generated images through a trained classifier, fit a bell curve to each set of features, and measure how far apart they are. Lower is closer. It notices missing variety, which a single pretty sample hides.',
          '**Looking**: sample grids, interpolations, nearest real neighbours. Quick, but easy to fool yourself.',
        ],
      },
      { kind: 'math', tex: String.raw`\begin{aligned} \mathrm{FD} = {} & \lVert \mu_r - \mu_g \rVert^2 \\ & + \operatorname{Tr}\!\big(\Sigma_r + \Sigma_g - 2(\Sigma_r \Sigma_g)^{1/2}\big) \end{aligned}`, caption: 'μ: average feature vector, Σ: how the features vary together; r real, g generated.' },
      { kind: 'p', text: 'Always report an **interval**, not just a number: 12 votes and 1,200 votes can give the same fooled rate with very different certainty.' },
    ],
    live: ['fooledRate', 'fooledInterval', 'fid', 'judgments'],
    check: {
      prompt: 'A room was fooled 48% of the time, 95% interval 30%–66%. What is the fairest conclusion?',
      choices: [
        'The fakes are proven perfect',
        'The room was near chance, but with this few votes the true rate could be well above or below 50%',
        'The room can clearly tell real from fake',
        'The interval does not matter',
      ],
      answer: 1,
      explanation: 'The interval is wide because there were few judgments. It includes 50% (chance), so the room could not reliably tell, but more votes would be needed to pin the rate down.',
    },
  },
  {
    id: 'T18',
    topic: 'T18',
    title: 'Watching training: when is it done?',
    summary: 'At equilibrium D(x) ≈ 0.5; the losses alone can mislead.',
    group: 'Training in practice',
    body: [
      { kind: 'p', text: 'In an ordinary network a falling loss means progress. In a GAN the losses measure each player **against the other**, who keeps changing, so a flat or rising curve may be fine, and a falling one may mean a player has given up.' },
      { kind: 'p', text: 'The ideal end point is an **equilibrium**: G\u2019s images are so like the data that even the best D can only guess:' },
      { kind: 'math', tex: String.raw`p_g = p_{\text{data}} \;\Rightarrow\; D^*(x) = \frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)} = \tfrac12` },
      { kind: 'p', text: 'So watch several signals together: D\u2019s score on reals and fakes drifting towards 0.5, samples over time, class coverage, and a distance like FID. Real GANs rarely sit still at equilibrium; they circle around it.' },
    ],
    live: ['dTrace', 'losses'],
    check: {
      prompt: 'Which sign best suggests G and D are near balance?',
      choices: ['D\u2019s loss is exactly 0', 'D(x) on both reals and fakes drifts towards 0.5', 'G\u2019s loss keeps falling to 0', 'The losses stop being printed'],
      answer: 1,
      explanation: 'If fakes match the data, the best D cannot do better than guessing, so its scores approach 0.5 for both. A loss of 0 for either player means one side is winning outright.',
    },
  },
];
