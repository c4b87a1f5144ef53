// One list of siblings in their order (model/rules.ts `byOrder`) as a balanced tree, so that a push's
// appends, moves to an index, removals and reorders cost O(log n) each, not a sort of the whole list each.
import { byOrder, type Ordered } from '../../../model/rules'

type Node<T> = {
  item: T
  /** Heap priority of the treap: random, so the tree stays balanced whatever the order of changes. */
  priority: number
  size: number
  order: number
  /** A renumbering not yet pushed down: the subtree's i-th node (in order) gets `dense + i`. */
  dense: number | null
  left: Node<T> | null
  right: Node<T> | null
  parent: Node<T> | null
}

const sizeOf = <T>(node: Node<T> | null) => (node ? node.size : 0)

/**
 * The live members of one list, in order. Orders it changes live in the tree until `forEach` reads them:
 * the items' own `order` is only kept current for items taken out (`remove`).
 */
export class OrderedList<T extends Ordered> {
  private root: Node<T> | null = null
  private readonly nodes = new Map<T, Node<T>>()
  private seed = 0x2545f491

  /** How many live members were left out (`tail.hidden`), when only the list's tail was loaded. */
  readonly hidden: number
  private readonly floor: number | undefined

  /**
   * `tail`: the members left out, when a list that rows are only added to holds just the rows a batch names: how
   * many, and their largest order. Appends go after it; the list's size counts them.
   */
  constructor(items: Iterable<T>, tail?: { hidden: number; last: number | undefined }) {
    this.root = this.build([...items].sort(byOrder))
    this.hidden = tail?.hidden ?? 0
    this.floor = tail?.last
  }

  /**
   * The treap of items already in order, in one pass (a Cartesian tree kept on a stack of its right spine):
   * a list of 60,000 is built in a few ms, where 60,000 merges took a recursion down the tree each.
   */
  private build(sorted: T[]): Node<T> | null {
    const spine: Node<T>[] = []
    for (const item of sorted) {
      const node = this.node(item, item.order)
      let last: Node<T> | null = null
      while (spine.length > 0 && (spine[spine.length - 1] as Node<T>).priority < node.priority)
        last = spine.pop() as Node<T>
      node.left = last
      const top = spine[spine.length - 1]
      if (top) top.right = node
      spine.push(node)
    }
    const root = spine[0] ?? null
    // Sizes and parents, children before their parents (a reversed pre-order visits every child first).
    const preorder: Node<T>[] = []
    const stack = root ? [root] : []
    while (stack.length > 0) {
      const node = stack.pop() as Node<T>
      preorder.push(node)
      if (node.left) stack.push(node.left)
      if (node.right) stack.push(node.right)
    }
    for (let i = preorder.length - 1; i >= 0; i--) this.attach(preorder[i] as Node<T>)
    return root
  }

  get size(): number {
    return sizeOf(this.root) + this.hidden
  }

  has(item: T): boolean {
    return this.nodes.has(item)
  }

  /** The largest order in the list (its last item's, or the floor), or undefined when it is empty. */
  lastOrder(): number | undefined {
    let node = this.root
    while (node) {
      this.push(node)
      if (!node.right) return this.floor === undefined ? node.order : Math.max(node.order, this.floor)
      node = node.right
    }
    return this.floor
  }

  /** Adds `item` after every other with `order`, which must be above every order in the list. */
  append(item: T, order: number): void {
    item.order = order
    this.root = this.detach(this.merge(this.root, this.node(item, order)))
  }

  /** Puts `item` at `index`; the caller renumbers (model/rules.ts `placed`). */
  insertAt(item: T, index: number): void {
    const [before, after] = this.split(this.root, index)
    this.root = this.detach(this.merge(this.merge(before, this.node(item, item.order)), after))
  }

  /** Takes `item` out (when it is in the list), leaving its current order on it. */
  remove(item: T): void {
    const node = this.nodes.get(item)
    if (!node) return
    item.order = this.orderOf(node)
    const [before, rest] = this.split(this.root, this.indexOf(node))
    const [, after] = this.split(rest, 1)
    this.root = this.detach(this.merge(before, after))
    this.nodes.delete(item)
  }

  /** Moves `items` (members, no repeats) to the front in the given order, the rest keeping theirs. */
  moveToFront(items: T[]): void {
    let front: Node<T> | null = null
    for (const item of items) {
      this.remove(item)
      front = this.merge(front, this.node(item, item.order))
    }
    this.root = this.detach(this.merge(front, this.root))
  }

  /** Orders 0..n-1 in list order, as every rule that renumbers leaves a list. */
  renumber(): void {
    if (this.root) this.root.dense = 0
  }

  /** Every item with its order, in list order. */
  forEach(visit: (item: T, order: number) => void): void {
    const stack: Node<T>[] = []
    let node = this.root
    while (node || stack.length > 0) {
      while (node) {
        this.push(node)
        stack.push(node)
        node = node.left
      }
      const next = stack.pop() as Node<T>
      visit(next.item, next.order)
      node = next.right
    }
  }

  private node(item: T, order: number): Node<T> {
    // xorshift32: deterministic, so the same batch builds the same tree (only speed depends on it anyway).
    this.seed ^= this.seed << 13
    this.seed ^= this.seed >>> 17
    this.seed ^= this.seed << 5
    const node: Node<T> = {
      item,
      priority: this.seed >>> 0,
      size: 1,
      order,
      dense: null,
      left: null,
      right: null,
      parent: null
    }
    this.nodes.set(item, node)
    return node
  }

  /** Applies a pending renumbering to the node and hands the rest to its children. */
  private push(node: Node<T>): void {
    if (node.dense === null) return
    const left = sizeOf(node.left)
    node.order = node.dense + left
    if (node.left) node.left.dense = node.dense
    if (node.right) node.right.dense = node.dense + left + 1
    node.dense = null
  }

  private attach(node: Node<T>): Node<T> {
    node.size = 1 + sizeOf(node.left) + sizeOf(node.right)
    if (node.left) node.left.parent = node
    if (node.right) node.right.parent = node
    return node
  }

  private detach(node: Node<T> | null): Node<T> | null {
    if (node) node.parent = null
    return node
  }

  /** Joins two trees, every item of `a` before every item of `b`. */
  private merge(a: Node<T> | null, b: Node<T> | null): Node<T> | null {
    if (!a) return b
    if (!b) return a
    if (a.priority > b.priority) {
      this.push(a)
      a.right = this.merge(a.right, b)
      return this.attach(a)
    }
    this.push(b)
    b.left = this.merge(a, b.left)
    return this.attach(b)
  }

  /** The first `count` items, and the rest. */
  private split(node: Node<T> | null, count: number): [Node<T> | null, Node<T> | null] {
    if (!node) return [null, null]
    this.push(node)
    if (sizeOf(node.left) >= count) {
      const [before, after] = this.split(node.left, count)
      node.left = after
      return [this.detach(before), this.detach(this.attach(node))]
    }
    const [before, after] = this.split(node.right, count - sizeOf(node.left) - 1)
    node.right = before
    return [this.detach(this.attach(node)), this.detach(after)]
  }

  private indexOf(node: Node<T>): number {
    let index = sizeOf(node.left)
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (parent.right === child) index += sizeOf(parent.left) + 1
    }
    return index
  }

  /** The node's order, once the renumberings above it are pushed down to it. */
  private orderOf(node: Node<T>): number {
    const path: Node<T>[] = []
    for (let at: Node<T> | null = node; at; at = at.parent) path.push(at)
    for (let i = path.length - 1; i >= 0; i--) this.push(path[i] as Node<T>)
    return node.order
  }
}
