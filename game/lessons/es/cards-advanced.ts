/** Tarjetas T11–T15 y T17 en español: mejores arquitecturas y pérdidas, preparación de datos y el espacio latente. */
import type { CardText } from '../localize';

export const ADVANCED_ES: Record<string, CardText> = {
  T11: {
    title: 'GAN condicionales: "dibuja un 7"',
    summary: 'Dales a ambas redes la etiqueta de clase y podrás pedir el dígito que quieras.',
    body: [
      'Una GAN simple dibuja *algún* dígito; no puedes elegir cuál. Una **GAN condicional** (cGAN) les pasa la etiqueta de clase $y$ a los dos jugadores:',
      {},
      'Ahora D se hace una pregunta más precisa: "¿es este un **7** real?". Un 3 perfecto etiquetado como "7" queda atrapado. Así que G debe aprender a dibujar la clase que se le pidió, y al final elegimos $y$ y obtenemos ese dígito, mientras $z$ sigue fijando el estilo (inclinación, grosor).',
      'Las etiquetas también ayudan al entrenamiento: la tarea se divide en diez subtareas más fáciles, y colapsar en una sola clase se castiga.',
    ],
    check: {
      prompt: 'En una GAN condicional, ¿qué impide que G dibuje un 3 perfecto cuando se le pide un 7?',
      choices: [
        'D también ve la etiqueta, así que un 3 presentado como "7" se juzga falso',
        'Nada: la etiqueta solo fija el estilo, y z decide qué dígito sale',
        'El número 7 está escrito en z, así que G parte de un 7',
        'A G se le muestran 7 reales cuando se le pide un 7, y los copia',
      ],
      explanation: 'D(x, y) juzga si x es un ejemplo realista de la clase y. Un buen 3 con la etiqueta 7 no pasa esa prueba, así que G se ve empujado a coincidir con la clase pedida. La etiqueta es una entrada aparte junto a z (z fija el estilo), y G sigue sin ver nunca una imagen real.',
    },
  },
  T12: {
    title: 'DCGAN: convoluciones para imágenes',
    summary: 'G y D convolucionales con normalización por lotes, LeakyReLU y salida tanh, comparados con el MLP.',
    body: [
      'Un MLP trata una imagen como una larga lista de 784 números y tiene que aprender desde cero que los píxeles vecinos van juntos. Una **convolución** desliza un filtro pequeño por la imagen, así que el mismo detector de trazos funciona en todas partes.',
      'La receta **DCGAN** (Radford et al., 2015), que hizo que las GAN entrenaran de forma fiable con imágenes:',
      [
        'G hace crecer una cuadrícula pequeña hasta una imagen de 28×28 con **convoluciones transpuestas** (aumento de resolución aprendido);',
        'D encoge la imagen con **convoluciones con paso** (strided) en vez de agrupamiento (pooling);',
        'la **normalización por lotes** mantiene los valores de cada capa en un rango sano;',
        '**LeakyReLU** en D (el artículo usa ReLU en G; la DCGAN de GAN Arena usa LeakyReLU en ambos), y **tanh** en la salida de G para que los píxeles caigan en [−1, 1];',
        'Adam con tasa de aprendizaje 0,0002 y $\\beta_1 = 0.5$.',
      ],
      'Cada nivel de GAN Arena dibuja con una **DCGAN**: $z$ (32 números) → una cuadrícula de 7×7 con 32 canales → 14×14 con 16 → la imagen de 28×28, cada paso una convolución transpuesta (la del final es el doble de ancha). El **MLP** con el que se compara va de $z$ → 128 → 256 → 512 números → 784 píxeles, con cada píxel conectado a cada número anterior: unas nueve veces más pesos.',
      'Qué comparar: el primer panel pone lado a lado los dos generadores que trae GAN Arena, con las mismas semillas para ambos: un MLP completamente entrenado con la forma de arriba y la DCGAN. Los dígitos del MLP salen granulosos, con trazos borrosos y puntos sueltos, porque aprende cada píxel por separado; los trazos de la DCGAN son más suaves y continuos, porque los mismos filtros pequeños pintan en todas partes, aunque entrenó menos pasos. Los otros paneles muestran el generador de tu sala después del nivel "Convoluciones" (si no, una ejecución de ejemplo con MLP), cada uno con su rótulo.',
    ],
    check: {
      prompt: '¿Qué capa usa el generador de una DCGAN para pasar de una cuadrícula pequeña a una imagen más grande?',
      choices: [
        'El agrupamiento máximo (max pooling), que cambia el tamaño de la cuadrícula',
        'Una capa totalmente conectada con una salida por píxel, como en el MLP',
        'Una convolución con paso, como en el discriminador',
        'Una convolución transpuesta',
      ],
      explanation: 'Las convoluciones transpuestas (a veces llamadas de paso fraccionario) aprenden a aumentar la resolución, duplicando el tamaño de la cuadrícula capa a capa (aquí 7×7 → 14×14 → 28×28). El agrupamiento y las convoluciones con paso van en sentido contrario: encogen la cuadrícula, que es lo que hace D.',
    },
  },
  T13: {
    title: 'GAN de Wasserstein y la penalización del gradiente',
    summary: 'Un crítico que puntúa el realismo, mantenido suave con una penalización del gradiente.',
    body: [
      'La WGAN sustituye el discriminador de sí/no por un **crítico** $C$ que da cualquier puntuación, más alta cuanto más realista. Estima la distancia de **Wasserstein** ("del movedor de tierra"): cuánta masa de probabilidad hay que mover, y qué tan lejos, para convertir la distribución falsa en la real. A diferencia de la BCE, esta distancia sigue dando a G un gradiente útil cuando las dos distribuciones no se solapan en absoluto.',
      'Solo funciona si el crítico es suave (**1-Lipschitz**: su puntuación no puede cambiar más rápido que la imagen). WGAN-GP lo impone de forma suave con una **penalización del gradiente** en puntos $\\hat{x}$ mezclados entre reales y falsos:',
      {},
      {},
      'Un extra: la pérdida del crítico (más o menos menos la distancia) tiende a seguir la calidad de la imagen, algo que las pérdidas BCE no hacen.',
    ],
    check: {
      prompt: '¿Qué hace la penalización del gradiente en WGAN-GP?',
      choices: [
        'Penaliza a G por falsas que difieren píxel a píxel de las imágenes reales',
        'Impide que las puntuaciones del crítico pasen nunca de 1',
        'Mantiene suave al crítico empujando el tamaño de su gradiente hacia 1',
        'Baja la tasa de aprendizaje del crítico cada vez que su pérdida crece',
      ],
      explanation: 'La estimación de Wasserstein necesita un crítico 1-Lipschitz. Penalizar (‖∇C(x̂)‖ − 1)² en puntos mezclados entre reales y falsos mantiene la pendiente del crítico cerca de 1 sin recortar sus pesos. Limita qué tan rápido cambia la puntuación, no la puntuación en sí, y forma parte de la pérdida del crítico, no de la de G.',
    },
  },
  T14: {
    title: 'Trucos para estabilizar',
    summary: 'Emparejamiento de rasgos, suavizado de etiquetas y otros trucos de GAN: qué cambia cada uno y qué hace el nivel "Arréglalo".',
    body: [
      'Quienes trabajan con GAN reunieron trucos que hacen que entrenen con más calma. Cada uno cambia la pérdida de una forma pequeña y precisa:',
      [
        '**Emparejamiento de rasgos** (feature matching): G deja de intentar engañar a la respuesta final de D y, en cambio, iguala la media de los rasgos internos de D en imágenes reales, $\\lVert \\mathbb{E}_x f(x) - \\mathbb{E}_z f(G(z)) \\rVert^2$. Un objetivo más estable, y desalienta el colapso.',
        '**Suavizado de etiquetas de un solo lado**: D se entrena hacia 0,9 en vez de 1 con las reales, así nunca se confía demasiado y sigue pasando gradientes útiles a G.',
        '**Adam con $\\beta_1 = 0.5$**, LeakyReLU, salidas tanh y lotes separados de reales y falsas para D.',
        '**Equilibrio**: una tasa de aprendizaje más lenta o menos pasos para el jugador que se está escapando.',
      ],
      'El nivel "Arréglalo" de GAN Arena parte del generador colapsado del nivel anterior y cambia el entrenador a la pérdida **WGAN-GP** (tarjeta T13), con tasas de aprendizaje más suaves (0,0001) y 2 pasos del crítico por cada paso del generador. En partidas por equipos, los entrenadores pueden votar en cambio por otra pérdida, tasa de aprendizaje o proporción D : G. El emparejamiento de rasgos y el suavizado de etiquetas son otros arreglos conocidos; el juego no los ofrece como opción, así que aquí son ideas que conviene conocer, no botones que pulsar.',
      'El primer panel entrena el generador colapsado de "Colapso de modos" 1500 pasos más con todos los dígitos, de dos formas y con las mismas semillas: a la izquierda con los ajustes de ese nivel, a la derecha con la WGAN-GP de "Arréglalo". Las dos vuelven a repartirse entre los diez dígitos: este colapso vino de un D al que solo se le mostraban unos, y un D que ve todos los dígitos hace volver a G con cualquier pérdida. WGAN-GP importa cuando D gana sin discusión y el gradiente de G se desvanece. El panel de pérdidas muestra la curva de tu sala después del cambio (si no, una ejecución de ejemplo con WGAN-GP).',
    ],
    check: {
      prompt: '¿Qué cambia el suavizado de etiquetas de un solo lado?',
      choices: [
        'Las imágenes de G se difuminan un poco antes de que D las vea',
        'El objetivo de D para las imágenes reales pasa a ser 0,9 en vez de 1',
        'Ambos objetivos se acercan al centro: 0,9 para las reales y 0,1 para las falsas',
        'La pérdida de G se promedia sobre varios pasos, así que su curva es más suave',
      ],
      explanation: 'Solo se suaviza el objetivo de las reales (a más o menos 0,9); eso significa "de un solo lado". Suavizar también el objetivo de las falsas premiaría a D por dar a las falsas algo de puntuación de "real", lo que sostiene falsas malas. Suavizar el objetivo real evita que D se vuelva extremadamente confiado, lo que aplanaría los gradientes de los que depende G. Nada se difumina: el "suavizado" es de las etiquetas.',
    },
  },
  T15: {
    title: 'Preparar un conjunto de datos',
    summary: 'Escala los píxeles a [−1, 1] para que coincidan con una salida tanh; conoce tus datos.',
    body: [
      'GAN Arena entrena con **MNIST** (70 000 dígitos escritos a mano en el conjunto completo; el juego usa 10 000) y **Fashion-MNIST** (ropa: camisas, zapatillas, bolsos…), ambos imágenes grises de 28×28 con 10 clases.',
      'Los píxeles se guardan como 0–255. El generador termina en **tanh**, cuya salida está entre −1 y 1, así que las imágenes reales se reescalan al mismo rango; si no, D podría distinguir lo real de lo falso solo por el rango de los números:',
      {},
      'Revisa también los datos antes de entrenar: todas las clases representadas, sin duplicados ni imágenes rotas, y una licencia que te permita usarlos. Una GAN copia los defectos y sesgos de los datos junto con todo lo demás.',
    ],
    check: {
      prompt: 'G termina con tanh. Los píxeles reales van de 0 a 255. ¿Qué deberías hacer con las imágenes reales?',
      choices: [
        'Reescalarlas a [−1, 1]',
        'Nada: D mira formas, no el rango de los números',
        'Reescalarlas a [0, 1], el rango habitual para imágenes',
        'Estandarizar cada imagen a media 0 y desviación típica 1',
      ],
      explanation: 'Las salidas de tanh están en [−1, 1], y x/127,5 − 1 lleva exactamente el 0 a −1 y el 255 a 1. Reales dejadas en 0–255, comprimidas en [0, 1] (nunca negativas) o estandarizadas (los dígitos casi todos negros llegan entonces a más o menos 3) no coincidirían con ese rango, así que D podría separarlas solo por su valor y G nunca podría producirlas.',
    },
  },
  T17: {
    title: 'El espacio latente',
    summary: 'Los z cercanos dan imágenes cercanas; caminar entre dos z transforma una imagen en otra.',
    body: [
      'Cada $z$ posible es un punto del **espacio latente**, y G lleva cada punto a una imagen. Un G entrenado organiza este espacio de forma suave: los puntos cercanos dan imágenes parecidas.',
      'Así que puedes **interpolar**: elige dos vectores $z_A$ y $z_B$ y camina en línea recta entre ellos:',
      {},
      'La tira muestra $G(z(t))$: una imagen que fluye hacia otra, sin saltos si el generador aprendió un espacio suave.',
      'La **dimensión** de $z$ (el tamaño latente del panel) es una decisión de diseño. Si es demasiado pequeña, G no puede expresar toda la variedad; más grande no es automáticamente mejor: las direcciones sin usar desperdician capacidad y pueden hacer más lento el entrenamiento.',
    ],
    check: {
      prompt: 'Interpolas entre $z_A$ (da un 1) y $z_B$ (da un 7). ¿Qué esperas a mitad de camino?',
      choices: [
        'Algo al azar: el medio de la línea está lejos de ambas imágenes',
        'El 1 hasta exactamente la mitad, y luego un salto repentino al 7',
        'El 1 y el 7 superpuestos, como dos transparencias',
        'Algo intermedio, como un 1 al que le sale una barra arriba',
      ],
      explanation: 'Un espacio latente suave lleva puntos cercanos a imágenes parecidas, así que las imágenes cambian poco a poco a lo largo de la línea, y a mitad de camino sueles ver una sola forma entre las dos. No son las dos imágenes promediadas píxel a píxel: G dibuja una forma nueva de dígito a partir del z intermedio.',
    },
  },
};
