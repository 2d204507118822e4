/** Tarjetas T06–T10 y T18 en español: el juego minimax, el ciclo de entrenamiento, qué sale mal y cómo medir. */
import type { CardText } from '../localize';

export const TRAINING_ES: Record<string, CardText> = {
  T06: {
    title: 'El juego minimax',
    summary: 'D maximiza un valor y G lo minimiza; en la práctica G usa la pérdida no saturante.',
    body: [
      'Los dos jugadores comparten una sola puntuación, la **función de valor** $V(D, G)$. D la quiere alta (seguro de lo real, seguro de lo falso); G la quiere baja:',
      {},
      'Tomado al pie de la letra, G minimizaría $\\log(1 - D(G(z)))$. Pero D termina en una **sigmoide**: $D = \\sigma(a)$, donde $a$ es la puntuación en bruto de D antes de aplastarla entre 0 y 1. El gradiente que recibe G pasa por esa sigmoide:',
      { caption: 'Al principio D rechaza las falsas con confianza, D(G(z)) ≈ 0, así que este gradiente ≈ 0.' },
      'Así que justo cuando G va perdiendo por mucho, su gradiente **se desvanece** y deja de aprender. Esto se llama **saturación**. En la práctica G da la vuelta a la pregunta y maximiza la probabilidad de que lo llamen real: la pérdida **no saturante**. Mismo objetivo (subir $D(G(z))$), pero su gradiente es mayor cuando G va perdiendo:',
      {},
      { caption: 'Un empujón a plena fuerza mientras D(G(z)) ≈ 0.' },
      'La gráfica muestra las dos pérdidas, paso a paso. Ninguna llega a cero: cuando un jugador mejora, la pérdida del otro sube. Ese tira y afloja es el juego; la tarjeta T18 muestra dónde termina si ambos juegan a la perfección.',
    ],
    check: {
      prompt: '¿Por qué la mayoría de las GAN entrenan a G con −log D(G(z)) en vez de log(1 − D(G(z)))?',
      choices: [
        'Es más rápido de calcular, así que cada paso de entrenamiento tarda menos',
        'Le da a G gradientes fuertes al principio, cuando D rechaza sus falsas con confianza',
        'Evita que D se confíe demasiado con las falsas',
        'Le da a G otro objetivo: hacer que D llame falsas a las imágenes reales',
      ],
      explanation: 'Ambas pérdidas empujan D(G(z)) hacia arriba: mismo objetivo, y D se entrena exactamente igual que antes. La diferencia es el gradiente a través de la sigmoide de D: log(1 − D(G(z))) le da a G un gradiente de tamaño D(G(z)), casi 0 cuando D rechaza las falsas con confianza; −log D(G(z)) le da 1 − D(G(z)), casi 1 justo entonces, así que G recibe un empujón útil cuando más lo necesita.',
    },
  },
  T07: {
    title: 'El ciclo de entrenamiento, y a dónde van tus votos',
    summary: 'D y G se turnan, G contra un D congelado, ronda tras ronda; tus votos añaden un término humano a D.',
    body: [
      'Entrenar una GAN es un solo ciclo que se repite una y otra vez. En GAN Arena el entrenador lo ejecuta en cada ronda después de que juzgas, con D y G por turnos:',
      [
        '**Un paso de D**: un **lote** nuevo de imágenes reales y un lote de $z$ aleatorios; G crea falsas $G(z)$, y **D** se actualiza para puntuar alto lo real y bajo lo falso, más tus votos (abajo). G no cambia.',
        '**Un paso de G**: falsas nuevas, y **G** se actualiza para que D las puntúe más alto. Los pesos de D están congelados.',
        'luego otra vez D, luego G, durante los pocos segundos de la ronda; después, imágenes nuevas para juzgar.',
      ],
      'El nivel fija la proporción: un paso de D por cada paso de G en la mayoría de los niveles, uno por cada cuatro de G en "Colapso de modos", dos por uno en "Arréglalo"; en partidas por equipos los entrenadores la votan. La computadora del anfitrión fija cuántos: una tarjeta gráfica rápida hace cientos de turnos en los segundos que el procesador de una laptop necesita para ochenta. Con bloques largos (cuarenta pasos de D y luego cuarenta de G) el generador saltaba de bueno a malo entre rondas: cuarenta pasos de G contra un D que ya no se mueve se pasan de largo.',
      'En un nivel cuyo generador empieza desde cero, el entrenador no te espera: mientras juzgas, ya hace turnos solo con las imágenes reales, sin votos.',
      'En GAN Arena tu ronda añade una cosa al paso de D. Para cada imagen juzgada $i$, con $n_i$ votos de los que una fracción $h_i$ dijo "falsa", la pérdida de D gana un **término de alineación humana**:',
      {},
      { caption: 'Un voto cuenta la mitad; muchos votos cuentan casi por completo.' },
      'Así D aprende a ver lo que tú viste, y G, entrenado contra ese D, se aleja de lo que atrapaste. Las imágenes con más votos cuentan más; λ fija qué tan fuerte se oye la sala.',
    ],
    check: {
      prompt: 'En una ronda de GAN Arena, ¿cómo se entrenan D y G, y qué queda fijo mientras G aprende?',
      choices: [
        'Primero G y luego D; las imágenes reales quedan fijas mientras G aprende',
        'Ambos a la vez, con una sola pérdida compartida, así que nada queda fijo',
        'Cuarenta pasos de D y luego cuarenta de G, para que D lo haya aprendido todo antes de que G se mueva',
        'Los pasos de D (con tus votos) y los de G se turnan; durante cada paso de G los pesos de D están congelados',
      ],
      explanation: 'El entrenador alterna: un paso de D con lotes nuevos de reales y falsas más el término humano, luego la parte de pasos de G que toca al nivel, y otra vez. El gradiente de G fluye a través de D sin cambiar los pesos de D, así que G mejora contra el detective actual en vez de doblegar al detective a su favor; y como D vuelve a moverse un momento después, G nunca persigue mucho tiempo a un D congelado.',
    },
  },
  T08: {
    title: 'Cuando el entrenamiento sale mal',
    summary: 'Jugadores desequilibrados y malos hiperparámetros vuelven inestables a las GAN.',
    body: [
      'Una GAN son dos aprendices que deben mantenerse más o menos parejos. Fallos típicos:',
      [
        '**D gana demasiado pronto**: rechaza cada falsa con total confianza, el gradiente de G se desvanece y sus imágenes dejan de mejorar;',
        '**G le saca ventaja a D**: D se vuelve inútil y G deriva hacia imágenes raras que resultan pasar;',
        '**oscilación**: las pérdidas suben y bajan y nunca se asientan.',
      ],
      'Los controles habituales: la **tasa de aprendizaje** (si es muy alta, cada paso se pasa de largo), **el $\\beta_1$ de Adam** (0,5 funciona mejor que el 0,9 por defecto en las GAN: menos inercia, menos vaivén), el **tamaño del lote** y cuántos pasos de D hay por cada paso de G.',
      'La ejecución de ejemplo usó una tasa de aprendizaje 25 veces más alta de lo debido (0,005 en vez de 0,0002) y $\\beta_1 = 0.9$. Mira cómo gana D: tras unos cuantos vaivenes bruscos, su puntuación en reales (línea continua) se queda cerca de 1 y en falsas (línea discontinua) cerca de 0, la pérdida de D cae casi a 0 y la pérdida de G salta de un lado a otro muy por encima de la de D.',
    ],
    check: {
      prompt: 'La puntuación de D en las falsas está en 0,00 y las muestras de G dejaron de cambiar. ¿Qué es lo más probable?',
      choices: [
        'D gana de forma tan aplastante que G casi no recibe gradiente útil',
        'La GAN convergió: G aprendió los datos',
        'G va ganando: sus falsas son demasiado buenas para que D las puntúe',
        'D dejó de aprender, así que G ya no tiene a quién vencer',
      ],
      explanation: 'D(G(z)) = 0,00 significa que D está seguro de que cada falsa es falsa: gana D, no G, y nada ha convergido (en equilibrio D puntuaría las falsas cerca de 0,5). Un discriminador tan seguro deja a G con un gradiente que se desvanece. Bajar la tasa de aprendizaje de D, menos pasos de D, suavizar las etiquetas o la pérdida no saturante ayudan a que G vuelva al juego.',
    },
  },
  T09: {
    title: 'Colapso de modos',
    summary: 'G encuentra unas pocas imágenes que engañan a D y deja de dibujar cualquier otra cosa.',
    body: [
      'Al generador se le premia por engañar a D, no por la variedad. Si un puñado de salidas, por ejemplo un "1" prolijo, engaña a D de forma fiable, G puede aprender a mandar casi todos los $z$ a ese puñado. Esto es el **colapso de modos**: los "modos" (los distintos tipos de imagen de los datos) se reducen a unos pocos.',
      'Cómo detectarlo:',
      [
        'las muestras se parecen, incluso con $z$ muy distintos;',
        'un clasificador que ordena las muestras encuentra unas clases abarrotadas y otras vacías;',
        'D se pone al día, G salta a otro favorito y el ciclo se repite.',
      ],
      'Las barras muestran qué dígito ve un pequeño clasificador (entrenado por este proyecto) en cada muestra del generador. Sano: cada dígito cerca del 10 %. Colapsado: unas pocas barras altas.',
    ],
    check: {
      prompt: 'Un generador entrenado con MNIST (más o menos un 10 % de cada dígito) crea 500 dígitos: 70 % unos, 25 % sietes y casi nada más. ¿Qué sugiere esto?',
      choices: [
        'El generador va bien: cada imagen es un dígito limpio y legible',
        'El discriminador colapsó y ahora lo acepta todo',
        'Colapso de modos: G cubre solo unos pocos modos de los datos',
        'El conjunto de entrenamiento debe de ser sobre todo unos y sietes',
      ],
      explanation: 'Los datos tienen cada dígito más o menos con la misma frecuencia, así que las muestras también deberían. Un generador que produce sobre todo dos clases colapsó en unos pocos modos, aunque cada imagen se vea bien por separado. Lo que colapsó fue la variedad de G, no D.',
    },
  },
  T10: {
    title: '¿Qué tan buena es una GAN? Cómo medirla',
    summary: 'Las tasas de error humanas (HYPE), el Inception Score, las distancias de Fréchet y mirar las muestras detectan cosas distintas.',
    body: [
      'Una GAN no tiene una única "respuesta correcta" con la que comparar, así que evaluarla es difícil. Cuatro formas, cada una ciega a algo:',
      [
        '**El juicio humano**: muestra a personas una mezcla de imágenes reales y generadas y cuenta los errores de **ambos** tipos: una falsa llamada real y una real llamada falsa. **HYPE∞** (Zhou et al., 2019) es la tasa de error de cada juez sobre todas las imágenes que juzgó, promediada entre los jueces. 50 % significa que no pueden distinguir lo real de lo falso en absoluto; 0 % significa que siempre pueden. GAN Arena recoge exactamente estos juicios en cada ronda, y el panel muestra los dos tipos de error lado a lado.',
        '**Inception Score** (IS): un clasificador de imágenes entrenado mira solo las imágenes generadas. La puntuación es alta cuando el clasificador está seguro de cada imagen y las imágenes se reparten entre muchas etiquetas. Nunca mira los datos reales, así que no puede decir si las imágenes se parecen a *tu* conjunto de datos.',
        '**Distancia de Fréchet**: pasa las imágenes reales y las generadas por un clasificador entrenado, ajusta una campana a cada conjunto de rasgos y mide qué tan separadas están. Más baja es más cercana. Las imágenes borrosas desplazan la media $\\mu$; la falta de variedad encoge la dispersión $\\Sigma$; así que detecta ambas cosas. (FID es esta distancia con los rasgos de la red Inception de Google.)',
        '**Mirar**: cuadrículas de muestras, interpolaciones, vecinas reales más cercanas. Rápido, pero es fácil engañarse a uno mismo.',
      ],
      '¿Por qué ambos tipos de error? Un juez que dice "real" a cada imagen es engañado por el 100 % de las falsas, pero no se equivoca con ninguna real: sobre una mezcla pareja eso da 50 %, justo el azar. La tasa de falsas llamadas reales por sí sola haría parecer que lo engañaron.',
      { caption: 'μ: vector de rasgos medio, Σ: cómo varían juntos los rasgos; r real, g generada.' },
      'GAN Arena usa la distancia de Fréchet con rasgos del pequeño clasificador de dígitos del propio proyecto en vez de Inception (que se hizo para fotos, no para dígitos de 28×28), así que sus cifras no son comparables con los FID publicados. Informa siempre un **intervalo**, no solo un número: 12 votos y 1200 votos pueden dar la misma tasa de error con certezas muy distintas.',
    ],
    check: {
      prompt: 'Los jueces de una sala se equivocaron en el 48 % de las imágenes reales y falsas que juzgaron, con un intervalo del 95 % de 30 %–66 %. ¿Cuál es la conclusión más justa?',
      choices: [
        'Queda demostrado que las falsas son indistinguibles de las imágenes reales',
        'La sala estuvo cerca del azar, pero con tan pocos votos la tasa real podría estar bastante por encima o por debajo del 50 %',
        'La sala sabe distinguir lo real de lo falso, porque 48 % está por debajo del 50 %',
        'El intervalo solo muestra cuánto discreparon los jueces entre sí',
      ],
      explanation: 'El intervalo es ancho porque hubo pocos juicios; muestra qué tan incierto es el 48 %, no cuánto discreparon los jueces. Incluye el 50 % (el azar), así que la sala no pudo distinguir de forma fiable, lo cual no prueba que nadie pudiera hacerlo nunca. Más votos precisarían la tasa.',
    },
  },
  T18: {
    title: 'Observar el entrenamiento: ¿cuándo termina?',
    summary: 'En el equilibrio D(x) ≈ 0,5; las pérdidas por sí solas pueden engañar.',
    body: [
      'En una red común, una pérdida que baja significa progreso. En una GAN las pérdidas miden a cada jugador **frente al otro**, que no deja de cambiar, así que una curva plana o que sube puede estar bien, y una que baja puede significar que un jugador se rindió.',
      '¿Dónde debería terminar el juego? Fija G, de modo que sus imágenes tengan la distribución $p_g$. Para cada imagen $x$, D elige el número $y = D(x)$ que hace mayor $a \\log y + b \\log(1 - y)$, con $a = p_{\\text{data}}(x)$ y $b = p_g(x)$. Igualar a cero la derivada $a/y - b/(1-y)$ da el **mejor discriminador**:',
      { caption: 'De todas las imágenes que se parecen a x, la fracción que es real.' },
      'Si pones $D^*$ de vuelta en la función de valor de la tarjeta T06, lo que G minimiza se convierte en una distancia entre las dos distribuciones, la **divergencia de Jensen–Shannon** (JSD):',
      { caption: 'Escribe cada fracción como ½ · p / m, con m = ½(p_data + p_g) la media de las dos: los dos ½ dan −log 4, y lo que queda es el doble de la JSD, la divergencia KL media de p_data y p_g respecto de m.' },
      'La JSD nunca es negativa y solo vale 0 cuando las dos distribuciones son iguales. Así que el mejor resultado posible de G es exactamente $p_g = p_{\\text{data}}$, donde el objetivo alcanza su mínimo $-\\log 4$, y el mejor D solo puede adivinar:',
      {},
      'Así que observa varias señales juntas: la puntuación de D en reales (línea continua) y falsas (línea discontinua) acercándose a 0,5, las muestras a lo largo del tiempo, la cobertura de clases y una distancia como el FID. Las GAN reales rara vez se quedan quietas en el equilibrio; giran a su alrededor.',
    ],
    check: {
      prompt: '¿Qué señal sugiere mejor que G y D están cerca del equilibrio?',
      choices: [
        'D(x) tanto en reales como en falsas se acerca a 0,5',
        'La pérdida de D cae a 0: D ya no tiene nada que aprender',
        'La pérdida de G sigue bajando hacia 0, como la de un clasificador',
        'D puntúa las reales cerca de 1 y las falsas cerca de 0: hace su trabajo a la perfección',
      ],
      explanation: 'Si las falsas coinciden con los datos, el mejor D es D*(x) = ½: no puede hacerlo mejor que adivinar, así que sus puntuaciones se acercan a 0,5 en ambas. Una pérdida de 0 para cualquiera de los jugadores, o que D puntúe 1 las reales y 0 las falsas, significa que un lado está ganando sin discusión.',
    },
  },
};
