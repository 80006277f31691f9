/** A filter of a staff list: a labelled select whose first choice, 全部, means "no filter". */
export function FilterSelect(props: { name: string; text: string; value?: string | undefined; options: Array<{ value: string; text: string }> }) {
  return (
    <label class="field">
      {props.text}
      <select name={props.name}>
        <option value="">全部</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
}
