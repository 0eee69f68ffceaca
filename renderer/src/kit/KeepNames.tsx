/**
 * A name in 「」 (a screen, a tab, a button: 「入户登记」, 「添加社区」) is one word: broken over two lines (「添加社 / 区」)
 * it reads as two. Each such name of up to 12 characters is kept on one line; longer ones wrap as text.
 */
export function KeepNames({ text }: { text: string }) {
  return text.split(/(「[^「」]{1,12}」)/).map((part, i) =>
    i % 2 === 1 ? (
      <span key={i} className="keep-name">
        {part}
      </span>
    ) : (
      part
    ),
  );
}
