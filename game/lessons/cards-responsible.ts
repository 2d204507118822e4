/** Cards T16, T16b, T16c, T19, T20: responsible use, applications, and the big picture. */
import type { LessonCard } from './types';

export const RESPONSIBLE_CARDS: LessonCard[] = [
  {
    id: 'T16',
    topic: 'T16',
    title: 'Deepfakes and misuse',
    summary: 'How well your room spotted fakes, and what the same ideas do with faces and voices.',
    group: 'Responsible use',
    body: [
      { kind: 'p', text: 'In a game, the panel shows **your own room** judging images from a generator trained for a few minutes on one laptop. The same ideas, scaled up, make **deepfakes**: realistic faces, voices and videos of people doing things they never did.' },
      { kind: 'p', text: 'Three kinds of harm:' },
      {
        kind: 'list',
        items: [
          '**fraud**: a cloned voice of a parent or a boss asks for money or passwords;',
          '**harassment**: fake intimate or humiliating images of real people, very often women and classmates;',
          '**disinformation**: fake clips of politicians or events, and the "liar\u2019s dividend": real evidence dismissed as "probably fake".',
        ],
      },
      { kind: 'p', text: 'Making or sharing a sexual or humiliating fake of a real person is abuse, and in many countries a crime, even "as a joke".' },
    ],
    live: ['fooledRate', 'fooledInterval', 'fakeErrorRate', 'realErrorRate', 'judgments', 'timeline'],
    check: {
      prompt: 'Which is the "liar\u2019s dividend"?',
      choices: [
        'Money earned by selling fake images',
        'The advantage a liar gains from a deepfake that nobody detects',
        'The money a platform earns when fake videos go viral',
        'Because fakes exist, someone can dismiss a real recording of themselves as fake',
      ],
      answer: 3,
      explanation: 'The liar profits from a real recording, not a fake one: when everyone knows convincing fakes exist, genuine evidence becomes easier to deny. Deepfakes harm trust in real media, not only through the fakes themselves.',
    },
  },
  {
    id: 'T16b',
    topic: 'T16',
    title: 'Consent and disclosure',
    summary: 'Whose data, whose face, and telling people when something is generated.',
    group: 'Responsible use',
    body: [
      { kind: 'p', text: 'Safeguards start before and after the model, not inside it:' },
      {
        kind: 'list',
        items: [
          '**Consent for data**: a generator learns from its training images. People\u2019s faces, art or voices should not be used without their permission; datasets should say where they came from (ours: MNIST and Fashion-MNIST, published for research with an open licence).',
          '**Consent for likeness**: never generate a real, identifiable person without their clear permission.',
          '**Disclosure**: label generated content as generated. Many platforms and new laws (for example the EU AI Act) require it for realistic synthetic media.',
          '**Provenance**: cameras and editing tools can sign where an image came from (content credentials such as C2PA), so a genuine photo can prove its history.',
        ],
      },
      { kind: 'p', text: 'A useful test before you post something generated: would the people in it, and the people who see it, agree if they knew exactly how it was made?' },
    ],
    live: [],
    check: {
      prompt: 'A friend wants to post a funny generated video of a teacher. What is the responsible minimum?',
      choices: [
        'Post it; it is obviously a joke',
        'Post it, but only in a private group chat',
        'Ask the teacher first, and label it clearly as generated, or do not post it',
        'Label it clearly as generated; then nobody\u2019s permission is needed',
      ],
      answer: 2,
      explanation: 'Using a real person\u2019s likeness needs their consent, and viewers deserve to know it is generated: one without the other is not enough. "Just a joke" is how a lot of harassment starts, and a private chat is one screenshot away from public; once shared, it cannot be taken back.',
    },
  },
  {
    id: 'T16c',
    topic: 'T16',
    title: 'The limits of detection',
    summary: 'Detectors help, but they lag behind generators and make mistakes both ways.',
    group: 'Responsible use',
    body: [
      { kind: 'p', text: 'Why not just build a fake detector? Because a GAN **is** a machine for beating detectors: its generator is trained precisely until its discriminator can no longer tell. Any published detector can be used as one more discriminator to train against.' },
      { kind: 'p', text: 'Detectors also make **two kinds** of error, and both hurt. Missing a fake lets it spread; calling a real photo fake can discredit a true witness. Look at your room\u2019s own errors on fakes and on reals.' },
      { kind: 'p', text: 'So detection is one layer, not the answer. The others:' },
      {
        kind: 'list',
        items: [
          'provenance (signed content) for what is real;',
          'disclosure labels for what is generated;',
          'checking the source, and asking "who benefits if I believe this?";',
          'laws and platform rules against abuse.',
        ],
      },
    ],
    live: ['fakeErrorRate', 'realErrorRate', 'fooledInterval'],
    check: {
      prompt: 'Why can\u2019t a better fake detector solve the deepfake problem on its own?',
      choices: [
        'People spot fakes easily anyway, so a detector adds little',
        'A generator can be trained against any detector until it is fooled, and detectors also wrongly flag real content',
        'A detector needs the original photo to compare with, and that is rarely available',
        'Detectors can check still images but not audio or video',
      ],
      answer: 1,
      explanation: 'GAN training is literally "improve until the detector fails", and this game showed how often people are fooled. Detectors learn the traces generators leave, with no original needed, on images, audio and video alike; but they are a moving target with errors in both directions, so detection must be combined with provenance, disclosure, media literacy and law.',
    },
  },
  {
    id: 'T19',
    topic: 'T19',
    title: 'What GANs are used for',
    summary: 'Augmentation, super-resolution, image-to-image, style, video, medicine — and a risk for each.',
    group: 'The big picture',
    body: [
      { kind: 'p', text: 'Each use comes with a risk worth naming:' },
      {
        kind: 'list',
        items: [
          '**Data augmentation**: extra synthetic examples for a rare class. Risk: the model learns the generator\u2019s quirks, not the world.',
          '**Super-resolution**: sharpen a blurry photo. Risk: the detail is *invented*, and must not be trusted as evidence.',
          '**Image-to-image** (sketch → photo, map → satellite, day → night). Risk: confident but wrong details.',
          '**Style transfer**: a photo painted like Van Gogh. Risk: copying living artists\u2019 styles without consent or credit.',
          '**Video**: animation, dubbing, special effects. Risk: deepfakes.',
          '**Medicine**: synthetic scans to train doctors\u2019 tools while protecting patient privacy. Risk: a fake lesion or a missing one could mislead a diagnosis.',
        ],
      },
    ],
    live: [],
    check: {
      prompt: 'A GAN turns a blurry security-camera face into a sharp one. Why is that dangerous as evidence?',
      choices: [
        'It reveals the real face too clearly, which invades the person\u2019s privacy',
        'Courts never accept digital images, sharpened or not',
        'The sharp details are invented by the generator and may not match the real person',
        'It may get the colours wrong, although the shape of the face comes out exact',
      ],
      answer: 2,
      explanation: 'Super-resolution does not recover hidden detail: it fills in plausible detail learned from other faces. The shape is invented as much as the colour, so it can look convincing and still be someone else\u2019s nose, eyes or mouth.',
    },
  },
  {
    id: 'T20',
    topic: 'T20',
    title: 'Looking back, and what came next',
    summary: 'G, D, the game, its failures, and how diffusion models took over.',
    group: 'The big picture',
    body: [
      { kind: 'p', text: 'What you have seen today, in your own session:' },
      {
        kind: 'list',
        items: [
          'a **generator** turning noise into images, scored only through a **discriminator**;',
          'the **minimax game** and its practical, non-saturating form;',
          'what goes wrong: instability, **mode collapse**, misleading losses;',
          'fixes: DCGAN, conditioning, WGAN-GP, and others to know about such as feature matching and label smoothing;',
          'measurement: human error rates on reals and fakes (HYPE) with intervals, Fréchet distances;',
          'why realistic fakes demand consent, disclosure and more than detection.',
        ],
      },
      { kind: 'p', text: 'Since about 2021 most image generators are **diffusion models**: they learn to remove noise step by step, which trains more stably and covers more variety, at the cost of slower sampling. GAN ideas live on inside them, and GANs are still used where speed matters.' },
    ],
    live: ['timeline', 'samplesOverTime'],
    check: {
      prompt: 'Which statement about diffusion models is right?',
      choices: [
        'They are GANs with a bigger discriminator',
        'They generate by removing noise step by step, and tend to train more stably than GANs',
        'They cut out and blend pieces of their training images instead of learning',
        'They make an image in one pass through the network, which is why they are fast',
      ],
      answer: 1,
      explanation: 'A diffusion model learns to undo added noise, one small step at a time. No adversarial game (and no discriminator) means steadier training and less mode collapse, at the price of many network passes per image: it is GANs that draw in one pass. Like GANs, they learn patterns rather than pasting pieces, though they too can memorise some training images.',
    },
  },
];
