/** Tarjetas T16, T16b, T16c, T19 y T20 en español: uso responsable, aplicaciones y la visión de conjunto. */
import type { CardText } from '../localize';

export const RESPONSIBLE_ES: Record<string, CardText> = {
  T16: {
    title: 'Deepfakes y mal uso',
    summary: 'Qué tan bien detectó tu sala las falsas, y qué hacen las mismas ideas con caras y voces.',
    body: [
      'En una partida, el panel muestra a **tu propia sala** juzgando imágenes de un generador entrenado unos minutos en una sola computadora portátil. Las mismas ideas, a mayor escala, crean **deepfakes**: caras, voces y videos realistas de personas haciendo cosas que nunca hicieron.',
      'Tres tipos de daño:',
      [
        '**fraude**: una voz clonada de un padre, una madre o un jefe pide dinero o contraseñas;',
        '**acoso**: imágenes falsas íntimas o humillantes de personas reales, muy a menudo mujeres y compañeros de clase;',
        '**desinformación**: clips falsos de políticos o de sucesos, y el "dividendo del mentiroso": pruebas reales descartadas como "seguramente falsas".',
      ],
      'Crear o compartir una falsificación sexual o humillante de una persona real es abuso, y en muchos países un delito, aunque sea "en broma".',
    ],
    check: {
      prompt: '¿Qué es el "dividendo del mentiroso"?',
      choices: [
        'El dinero que se gana vendiendo imágenes falsas',
        'La ventaja que saca un mentiroso de un deepfake que nadie detecta',
        'El dinero que gana una plataforma cuando los videos falsos se vuelven virales',
        'Como existen las falsificaciones, alguien puede descartar como falsa una grabación real de sí mismo',
      ],
      explanation: 'El mentiroso se beneficia de una grabación real, no de una falsa: cuando todos saben que existen falsificaciones convincentes, es más fácil negar las pruebas auténticas. Los deepfakes dañan la confianza en los medios reales, no solo a través de las propias falsificaciones.',
    },
  },
  T16b: {
    title: 'Consentimiento y transparencia',
    summary: 'De quién son los datos, de quién es la cara, y avisar a la gente cuando algo es generado.',
    body: [
      'Las salvaguardas empiezan antes y después del modelo, no dentro de él:',
      [
        '**Consentimiento para los datos**: un generador aprende de sus imágenes de entrenamiento. Las caras, el arte o la voz de las personas no deberían usarse sin su permiso; los conjuntos de datos deberían decir de dónde vienen (los nuestros: MNIST y Fashion-MNIST, publicados para investigación con una licencia abierta).',
        '**Consentimiento para la imagen de alguien**: nunca generes a una persona real e identificable sin su permiso claro.',
        '**Transparencia**: etiqueta el contenido generado como generado. Muchas plataformas y leyes nuevas (por ejemplo, la Ley de IA de la UE) lo exigen para los medios sintéticos realistas.',
        '**Procedencia**: las cámaras y las herramientas de edición pueden firmar de dónde viene una imagen (credenciales de contenido como C2PA), así una foto auténtica puede demostrar su historia.',
      ],
      'Una prueba útil antes de publicar algo generado: ¿estarían de acuerdo las personas que aparecen, y quienes lo vean, si supieran exactamente cómo se hizo?',
    ],
    check: {
      prompt: 'Un amigo quiere publicar un video gracioso generado de un profesor. ¿Qué es lo mínimo responsable?',
      choices: [
        'Publicarlo; es obvio que es una broma',
        'Publicarlo, pero solo en un chat de grupo privado',
        'Pedirle permiso al profesor primero y etiquetarlo claramente como generado, o no publicarlo',
        'Etiquetarlo claramente como generado; así no hace falta el permiso de nadie',
      ],
      explanation: 'Usar la imagen de una persona real requiere su consentimiento, y quienes lo ven merecen saber que es generado: una cosa sin la otra no basta. "Solo es una broma" es como empieza mucho acoso, y un chat privado está a una captura de pantalla de ser público; una vez compartido, no se puede deshacer.',
    },
  },
  T16c: {
    title: 'Los límites de la detección',
    summary: 'Los detectores ayudan, pero van por detrás de los generadores y se equivocan en ambos sentidos.',
    body: [
      '¿Por qué no construir simplemente un detector de falsificaciones? Porque una GAN **es** una máquina para vencer detectores: su generador se entrena justamente hasta que su discriminador ya no puede distinguir. Cualquier detector publicado puede usarse como un discriminador más contra el que entrenar.',
      'Los detectores también cometen **dos tipos** de error, y ambos hacen daño. Dejar pasar una falsa permite que se difunda; llamar falsa a una foto real puede desacreditar a un testigo verdadero. Mira los errores de tu propia sala con las falsas y con las reales.',
      'Así que la detección es una capa, no la solución. Las otras:',
      [
        'procedencia (contenido firmado) para lo que es real;',
        'etiquetas de transparencia para lo que es generado;',
        'comprobar la fuente y preguntarse "¿quién gana si me creo esto?";',
        'leyes y normas de las plataformas contra el abuso.',
      ],
    ],
    check: {
      prompt: '¿Por qué un mejor detector de falsificaciones no puede resolver por sí solo el problema de los deepfakes?',
      choices: [
        'La gente detecta las falsificaciones fácilmente de todos modos, así que un detector aporta poco',
        'Un generador puede entrenarse contra cualquier detector hasta engañarlo, y los detectores también marcan por error contenido real',
        'Un detector necesita la foto original para comparar, y casi nunca está disponible',
        'Los detectores pueden revisar imágenes fijas, pero no audio ni video',
      ],
      explanation: 'Entrenar una GAN es literalmente "mejorar hasta que el detector falle", y este juego mostró con qué frecuencia se engaña a las personas. Los detectores aprenden las huellas que dejan los generadores, sin necesitar ningún original, tanto en imágenes como en audio y video; pero son un blanco móvil con errores en ambos sentidos, así que la detección debe combinarse con procedencia, transparencia, alfabetización mediática y leyes.',
    },
  },
  T19: {
    title: 'Para qué se usan las GAN',
    summary: 'Aumento de datos, superresolución, imagen a imagen, estilo, video, medicina, y un riesgo para cada uno.',
    body: [
      'Cada uso trae un riesgo que vale la pena nombrar:',
      [
        '**Aumento de datos**: ejemplos sintéticos extra para una clase poco común. Riesgo: el modelo aprende las manías del generador, no el mundo.',
        '**Superresolución**: dar nitidez a una foto borrosa. Riesgo: el detalle es *inventado* y no debe tomarse como prueba.',
        '**Imagen a imagen** (boceto → foto, mapa → satélite, día → noche). Riesgo: detalles seguros de sí pero equivocados.',
        '**Transferencia de estilo**: una foto pintada como un Van Gogh. Riesgo: copiar el estilo de artistas vivos sin su consentimiento ni reconocimiento.',
        '**Video**: animación, doblaje, efectos especiales. Riesgo: deepfakes.',
        '**Medicina**: imágenes médicas sintéticas para entrenar herramientas de diagnóstico protegiendo la privacidad de los pacientes. Riesgo: una lesión falsa, o una que falte, podría confundir un diagnóstico.',
      ],
    ],
    check: {
      prompt: 'Una GAN convierte una cara borrosa de una cámara de seguridad en una nítida. ¿Por qué es peligroso usarla como prueba?',
      choices: [
        'Revela la cara real con demasiada claridad, lo que invade la privacidad de la persona',
        'Los tribunales nunca aceptan imágenes digitales, nítidas o no',
        'Los detalles nítidos los inventa el generador y pueden no coincidir con la persona real',
        'Puede equivocarse en los colores, aunque la forma de la cara sale exacta',
      ],
      explanation: 'La superresolución no recupera detalles ocultos: rellena detalles plausibles aprendidos de otras caras. La forma es tan inventada como el color, así que puede verse convincente y aun así ser la nariz, los ojos o la boca de otra persona.',
    },
  },
  T20: {
    title: 'Mirar atrás, y lo que vino después',
    summary: 'G, D, el juego, sus fallos y cómo los modelos de difusión tomaron el relevo.',
    body: [
      'Lo que viste hoy, en tu propia sesión:',
      [
        'un **generador** que convierte ruido en imágenes, calificado solo a través de un **discriminador**;',
        'el **juego minimax** y su forma práctica, no saturante;',
        'lo que sale mal: inestabilidad, **colapso de modos**, pérdidas engañosas;',
        'arreglos: DCGAN, condicionamiento, WGAN-GP, y otros que conviene conocer, como el emparejamiento de rasgos y el suavizado de etiquetas;',
        'medición: tasas de error humanas en reales y falsas (HYPE) con intervalos, distancias de Fréchet;',
        'por qué las falsificaciones realistas exigen consentimiento, transparencia y más que detección.',
      ],
      'Desde alrededor de 2021, la mayoría de los generadores de imágenes son **modelos de difusión**: aprenden a quitar ruido paso a paso, lo que entrena de forma más estable y cubre más variedad, a costa de un muestreo más lento. Las ideas de las GAN siguen vivas dentro de ellos, y las GAN se siguen usando donde importa la velocidad.',
    ],
    check: {
      prompt: '¿Qué afirmación sobre los modelos de difusión es correcta?',
      choices: [
        'Son GAN con un discriminador más grande',
        'Generan quitando ruido paso a paso, y suelen entrenar de forma más estable que las GAN',
        'Recortan y mezclan trozos de sus imágenes de entrenamiento en vez de aprender',
        'Crean una imagen en una sola pasada por la red, y por eso son rápidos',
      ],
      explanation: 'Un modelo de difusión aprende a deshacer el ruido añadido, un pasito a la vez. Sin juego antagónico (ni discriminador), el entrenamiento es más estable y hay menos colapso de modos, a cambio de muchas pasadas por la red por imagen: son las GAN las que dibujan en una sola pasada. Como las GAN, aprenden patrones en vez de pegar trozos, aunque también pueden memorizar algunas imágenes de entrenamiento.',
    },
  },
};
