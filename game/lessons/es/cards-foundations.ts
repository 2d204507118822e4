/** Tarjetas T01–T05 en español: qué son los modelos generativos, lo básico de las redes y los dos jugadores de una GAN. */
import type { CardText } from '../localize';

export const FOUNDATIONS_ES: Record<string, CardText> = {
  T01: {
    title: 'Crear datos frente a etiquetar datos',
    summary: 'Un generador aprende cómo son los datos; un clasificador solo aprende a ordenarlos.',
    body: [
      'La mayoría de las redes neuronales que conoces son **discriminativas**: les muestras una imagen y responden una pregunta sobre ella, como "¿qué dígito es?". En matemáticas eso es $p(y \\mid x)$, la probabilidad de la etiqueta $y$ dada la imagen $x$.',
      'Un modelo **generativo** intenta algo más difícil: aprende cómo son las propias imágenes, $p(x)$, lo bastante bien como para crear imágenes totalmente nuevas que nunca estuvieron en los datos.',
      'Para qué sirve eso:',
      [
        'más ejemplos de entrenamiento cuando los reales escasean (datos sintéticos)',
        'completar o dar nitidez a imágenes (restauración, superresolución)',
        'herramientas creativas: arte, diseño, música, niveles de videojuegos',
      ],
      'Abajo: imágenes reales del conjunto de datos junto a las que creó el generador.',
    ],
    check: {
      prompt: '¿Qué modelo necesita saber cómo es un 7 escrito a mano completo?',
      choices: [
        'Un clasificador, porque debe reconocer cualquier tipo de 7 que le muestren',
        'Ambos necesitan exactamente el mismo conocimiento de la imagen',
        'Un generador que dibuja dígitos nuevos',
      ],
      explanation: 'A un clasificador le bastan los rasgos que separan las clases, p(y|x). Un generador debe modelar la propia imagen, p(x), o sus dibujos lo delatan.',
    },
  },
  T02: {
    title: 'Capas, activaciones y retropropagación',
    summary: 'Una red son capas apiladas; los gradientes fluyen hacia atrás a través de D hasta G.',
    body: [
      'Una **capa** toma una lista de números, la multiplica por una cuadrícula de pesos, suma un sesgo y pasa el resultado: $h = f(Wx + b)$.',
      'La **activación** $f$ dobla el resultado (ReLU deja pasar los positivos, LeakyReLU deja pasar un poco de lo negativo, tanh lo aplasta entre −1 y 1). Sin ella, una pila de capas se reduciría a una sola función lineal y nunca podría dibujar una curva.',
      'La **retropropagación** mide cuánta culpa tiene cada peso de la pérdida, yendo hacia atrás desde la salida con la regla de la cadena, y empuja cada peso un poco cuesta abajo:',
      { caption: 'η es la tasa de aprendizaje: el tamaño de cada empujón.' },
      'En una GAN el generador nunca ve los datos. Su gradiente llega **a través del discriminador**: D dice qué tan "falsa" parece una imagen, y la retropropagación lleva esa señal de vuelta, a través de D, hasta los pesos de G.',
      'El "tamaño del gradiente de G" del panel es la longitud de todo ese gradiente, con todos los pesos de G juntos, medida durante el entrenamiento (en una sala: el promedio de los pasos de G de su última ronda): cuánto empuja D a G.',
    ],
    check: {
      prompt: '¿Cómo descubre el generador cómo mejorar?',
      choices: [
        'Compara sus imágenes píxel a píxel con las reales',
        'Los votos de los jugadores le dicen directamente qué píxeles lo delataron',
        'Los gradientes del veredicto de D fluyen hacia atrás, a través de D, hasta los pesos de G',
        'Su paso cambia los pesos de D hasta que D llama reales a sus falsas',
      ],
      explanation: 'G nunca ve una imagen real, y tus votos entrenan a D, no a G. A G solo lo califica D: la retropropagación atraviesa D (cuyos pesos quedan fijos durante el paso de G) y sigue hasta G, indicando a cada peso de G hacia dónde moverse para que D diga "real" más a menudo.',
    },
  },
  T03: {
    title: 'Qué es una GAN (y en qué se diferencia un VAE)',
    summary: 'Dos redes, un juego: un falsificador y un detective que se entrenan mutuamente.',
    body: [
      'Una **red generativa antagónica** (GAN) son dos redes enfrentadas en una competencia:',
      [
        'el **generador** G, un falsificador, convierte ruido aleatorio en imágenes;',
        'el **discriminador** D, un detective, mira una imagen y dice qué tan probable es que sea real.',
      ],
      'Los errores de cada uno son la señal de entrenamiento del otro. A medida que D se vuelve más agudo, G tiene que mejorar para engañarlo, y al revés. En GAN Arena, *tú* eres parte de D.',
      'Un **VAE** (autocodificador variacional) aprende de otra forma: comprime cada imagen real en un código pequeño y aprende a reconstruirla a partir de él, y se le califica por lo parecida que es la copia. Entrena de forma estable, pero sus imágenes suelen ser borrosas. A una GAN nunca se le pide reconstruir una imagen concreta; solo se la califica según si D fue engañado, lo que da imágenes más nítidas y un entrenamiento más difícil y menos estable.',
      'Que no se le pida copiar no significa que nunca copie. Una GAN entrenada mucho tiempo con un conjunto de datos pequeño puede **memorizar** algunas imágenes de entrenamiento y devolverlas casi sin cambios, lo cual importa cuando esas imágenes son privadas u obra de otra persona. Por eso se comparan las imágenes generadas con sus vecinas más cercanas del conjunto de entrenamiento.',
    ],
    check: {
      prompt: '¿Cuál es la principal diferencia entre cómo se entrenan una GAN y un VAE?',
      choices: [
        'A un VAE se le califica por reconstruir imágenes reales; al generador de una GAN solo lo califica una segunda red',
        'Una GAN reconstruye cada imagen de entrenamiento a partir de un código pequeño; un VAE dibuja a partir de puro ruido',
        'Un VAE necesita una etiqueta para cada imagen; una GAN aprende de imágenes sin etiquetar',
        'Una GAN nunca puede reproducir una imagen de entrenamiento; un VAE siempre lo hace',
      ],
      explanation: 'Un VAE codifica y reconstruye, y se le juzga por lo parecida que es la imagen reconstruida. El generador de una GAN nunca ve una imagen objetivo: su única retroalimentación es si el discriminador fue engañado. Ninguno necesita etiquetas, y una GAN aun así puede acabar memorizando algunas imágenes de entrenamiento.',
    },
  },
  T04: {
    title: 'El generador: entra ruido, sale una imagen',
    summary: 'G convierte un vector aleatorio z en una imagen, y solo aprende a través de D.',
    body: [
      'El generador parte de una lista de números aleatorios, el **vector latente** $z$, sacado de una distribución normal: $z \\sim \\mathcal{N}(0, I)$. Cada $z$ nuevo da una imagen nueva $G(z)$.',
      'Al principio $G$ es aleatorio, así que $G(z)$ es estática gris. El entrenamiento cambia los pesos de $G$, no $z$: el mismo $z$ se convierte, paso a paso, en algo que parece un dígito (mira la tira de abajo).',
      'La pérdida del generador es simplemente "¿qué tan seguro estaba D de que mis falsas eran falsas?":',
      { caption: 'Es pequeña cuando D(G(z)) está cerca de 1, es decir, cuando D es engañado.' },
    ],
    check: {
      prompt: 'Durante el entrenamiento, ¿qué cambia para que el mismo z dé una imagen mejor?',
      choices: [
        'Los pesos del generador',
        'El valor de z: cada paso mueve z hacia un mejor punto de partida',
        'Los pesos del discriminador, para que califique mejor la misma imagen',
        'El conjunto de imágenes de entrenamiento que G copia, unas cuantas más en cada paso',
      ],
      explanation: 'z es solo la entrada aleatoria y se queda tal como se sacó. El entrenamiento ajusta los pesos de G, de modo que más adelante el mismo z da una imagen más convincente. Los pesos de D también cambian, pero en el paso de D, y lo vuelven más difícil de engañar, no más fácil.',
    },
  },
  T05: {
    title: 'El discriminador y su pérdida',
    summary: 'D da P(real) y se entrena con entropía cruzada binaria.',
    body: [
      'El discriminador mira una imagen y da un número entre 0 y 1: lo que cree de que la imagen sea **real**. Las imágenes reales deberían recibir $D(x) \\approx 1$, y las falsas $D(G(z)) \\approx 0$.',
      'Se entrena con **entropía cruzada binaria** (BCE), que castiga con más fuerza los errores cometidos con confianza:',
      {},
      'Con la etiqueta 1 para real y 0 para falsa, la pérdida de D sobre una imagen real y una falsa es:',
      {},
      'Cuando votas, haces el trabajo de D. La gráfica muestra la puntuación media de D en imágenes reales (línea continua) y en falsas (línea discontinua) durante el entrenamiento.',
    ],
    check: {
      prompt: 'D le da a una imagen real una puntuación de 0,01. ¿Qué pasa con su pérdida?',
      choices: [
        'Casi nada: 0,01 es un número diminuto, así que el error es diminuto',
        'Es 0,99, la distancia a la respuesta correcta, 1',
        'Solo cambia la pérdida de G, porque D fue engañado',
        'Es grande, unos 4,6, porque −log(0,01) es grande: los errores con confianza son los que más cuestan',
      ],
      explanation: 'Para una imagen real, el término de pérdida es −log D(x) = −log 0,01 ≈ 4,6, no la distancia 0,99: la BCE crece sin límite a medida que una respuesta segura se equivoca más. Un D(x) = 0,99 correcto cuesta solo unos 0,01. El error es de D, así que la que crece es la pérdida de D.',
    },
  },
};
